package io.switchboard.gateway.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.command.Delivery;
import io.switchboard.events.text.SafeText;
import io.switchboard.gateway.service.MessageDraft;

/**
 * One message for many chats: the listed ones, or every active chat of a project (exactly one of the two).
 * The message itself is checked again as the {@link MessageDraft} it becomes, like every message.
 */
public record BroadcastRequest(
        @NotBlank @SafeText(max = MessageDraft.MAX_TEXT_LENGTH)
        @Schema(required = true, description = "The message, in Unicode code points",
                maxLength = MessageDraft.MAX_TEXT_LENGTH)
        String text,
        @Schema(description = "The chats; each must be the caller's")
        List<@NotNull UUID> chatIds,
        @Schema(description = "Instead of chatIds: every active chat of this project")
        UUID projectId,
        @SafeText(max = MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH)
        @Pattern(regexp = MessageDraft.CLIENT_MESSAGE_ID_PATTERN, message = MessageDraft.CLIENT_MESSAGE_ID_RULE)
        @Schema(description = "Idempotency key shared by every chat's message",
                maxLength = MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH)
        String clientMessageId,
        @Schema(enumeration = {"queue", "now"})
        Delivery delivery) {

    MessageDraft draft() {
        return new MessageDraft(text, null, clientMessageId, delivery);
    }
}
