package io.switchboard.gateway.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.command.Delivery;
import io.switchboard.gateway.service.MessageDraft;

/** One message for many chats: the listed ones, or every active chat of a project (exactly one of the two). */
public record BroadcastRequest(
        @NotBlank @Size(max = MessageDraft.MAX_TEXT_LENGTH)
        @Schema(required = true, maxLength = MessageDraft.MAX_TEXT_LENGTH)
        String text,
        @Schema(description = "The chats; each must be the caller's")
        List<@NotNull UUID> chatIds,
        @Schema(description = "Instead of chatIds: every active chat of this project")
        UUID projectId,
        @Size(max = 100) @Pattern(regexp = MessageDraft.CLIENT_MESSAGE_ID_PATTERN,
                message = "must be letters, digits, '.', '_', ':' or '-'")
        @Schema(description = "Idempotency key shared by every chat's message")
        String clientMessageId,
        @Schema(enumeration = {"queue", "now"})
        Delivery delivery) {

    MessageDraft draft() {
        return new MessageDraft(text, null, clientMessageId, delivery);
    }
}
