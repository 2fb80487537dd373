package io.switchboard.session.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.events.text.SafeText;

/** One tool call of an answer in a chat file: the tool, how it ended and, when it failed, why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatFileToolCall(
        @NotNull @SafeText(max = 200) String tool,
        @NotNull @Pattern(regexp = "succeeded|failed|running", message = "must be succeeded, failed or running")
        String status,
        @SafeText(max = 2000) String error) {
}
