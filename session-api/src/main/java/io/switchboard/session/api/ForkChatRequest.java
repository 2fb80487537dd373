package io.switchboard.session.api;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** Where to fork: the new chat holds the history up to and including the turn of {@code messageId}. */
public record ForkChatRequest(
        @NotNull @Schema(description = "A message of the chat: the fork holds the history up to and including its "
                + "turn", required = true) UUID messageId,
        @SafeText(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Schema(description = "The fork's title; \"<source title> (fork)\" when absent", maxLength = 200)
        String title) {
}
