package io.switchboard.gateway.service;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.command.Delivery;
import io.switchboard.events.text.SafeText;

/**
 * A user message on its way to one chat, or to many in a broadcast. The REST API and the WebSocket both
 * build this record from what the client sent, and {@link ChatCommands} checks it, so the two doors take
 * exactly the same messages. Lengths are in Unicode code points, as PostgreSQL counts them.
 *
 * @param text            the message
 * @param model           overrides the chat's model for this message; absent means the chat's own
 * @param clientMessageId the idempotency key: sending the same one to a chat again is a no-op; one is
 *                        picked when absent
 * @param delivery        {@code queue} (default: after the chat's queued turns) or {@code now} (stop the
 *                        running turn and run this one next)
 */
@Schema(name = "SendMessageRequest", description = "A user message")
public record MessageDraft(
        @NotBlank @SafeText(max = MessageDraft.MAX_TEXT_LENGTH)
        @Schema(description = "The message, in Unicode code points", maxLength = MessageDraft.MAX_TEXT_LENGTH,
                required = true)
        String text,
        @SafeText(max = MessageDraft.MAX_MODEL_LENGTH)
        @Pattern(regexp = MessageDraft.MODEL_PATTERN, message = "must be a model name")
        @Schema(description = "Overrides the chat's model for this message", examples = "offline",
                maxLength = MessageDraft.MAX_MODEL_LENGTH)
        String model,
        @SafeText(max = MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH)
        @Pattern(regexp = MessageDraft.CLIENT_MESSAGE_ID_PATTERN, message = MessageDraft.CLIENT_MESSAGE_ID_RULE)
        @Schema(description = "Idempotency key; the Idempotency-Key header may stand in for it",
                maxLength = MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH)
        String clientMessageId,
        @Schema(description = "queue (default): after the chat's queued turns; now: stop the running turn and run "
                + "this message next", enumeration = {"queue", "now"})
        Delivery delivery) {

    public static final int MAX_TEXT_LENGTH = 32000;
    public static final int MAX_MODEL_LENGTH = 100;
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 100;
    public static final String MODEL_PATTERN = "[A-Za-z0-9._:/-]+";
    public static final String CLIENT_MESSAGE_ID_PATTERN = "[A-Za-z0-9._:-]+";
    public static final String CLIENT_MESSAGE_ID_RULE = "must be letters, digits, '.', '_', ':' or '-'";

    /** The same message with the given idempotency key. */
    public MessageDraft withClientMessageId(String id) {
        return new MessageDraft(text, model, id, delivery);
    }

    /** The same message with an idempotency key: its own, or a fresh one. */
    public MessageDraft withClientMessageIdOrNew() {
        return clientMessageId != null ? this : withClientMessageId(UUID.randomUUID().toString());
    }

    public Delivery effectiveDelivery() {
        return delivery == null ? Delivery.QUEUE : delivery;
    }
}
