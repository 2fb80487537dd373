package io.switchboard.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.command.Delivery;
import io.switchboard.events.text.SafeText;
import io.switchboard.gateway.service.MessageDraft;

/** One message for every pane of a view; each pane's chat answers it with the pane's model. */
public record ViewBroadcastRequest(
        @NotBlank @SafeText(max = MessageDraft.MAX_TEXT_LENGTH)
        @Schema(required = true, description = "The message, in Unicode code points",
                maxLength = MessageDraft.MAX_TEXT_LENGTH)
        String text,
        @SafeText(max = MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH)
        @Pattern(regexp = MessageDraft.CLIENT_MESSAGE_ID_PATTERN, message = MessageDraft.CLIENT_MESSAGE_ID_RULE)
        @Schema(description = "Idempotency key shared by every pane's message",
                maxLength = MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH)
        String clientMessageId,
        @Schema(enumeration = {"queue", "now"})
        Delivery delivery) {

    MessageDraft draft() {
        return new MessageDraft(text, null, clientMessageId, delivery);
    }
}
