package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/** Where to fork: the new chat holds the history up to and including the turn of {@code messageId}. */
public record ForkChatRequest(
        @NotNull UUID messageId,
        @SafeText(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title) {
}
