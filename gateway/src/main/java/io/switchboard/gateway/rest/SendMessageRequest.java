package io.switchboard.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user message. {@code clientMessageId} is the idempotency key: sending the same one again is a no-op;
 * the server picks one when it is absent. {@code model} overrides the chat's model for this message.
 */
public record SendMessageRequest(
        @NotBlank @Size(max = 32000) String text,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name") String model,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
        String clientMessageId) {
}
