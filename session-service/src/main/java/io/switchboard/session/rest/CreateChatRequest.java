package io.switchboard.session.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Both fields are optional: a chat without a title or model gets the configured defaults. */
public record CreateChatRequest(
        @Size(max = 200) String title,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name") String model) {
}
