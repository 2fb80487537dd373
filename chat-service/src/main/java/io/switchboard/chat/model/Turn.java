package io.switchboard.chat.model;

import java.util.UUID;

/** One user message of a chat and the answer to it. */
public record Turn(UUID id, String tenantId, String chatId, String clientMessageId, String userId, String text,
        String model, TurnStatus status) {
}
