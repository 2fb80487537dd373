package io.switchboard.session.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.events.text.SafeText;

/**
 * The chat's own fields in a chat file, by the rules a new or updated chat follows. {@code status} and the times
 * describe the exported chat; an imported chat is new and active.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatFileChat(
        @NotNull @SafeText(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @SafeText(max = 2000) String description,
        @NotNull @SafeText(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name")
        String model,
        @Pattern(regexp = "active|archived|completed", message = "must be active, archived or completed")
        String status,
        Boolean pinned,
        Instant createdAt,
        Instant lastActivityAt) {
}
