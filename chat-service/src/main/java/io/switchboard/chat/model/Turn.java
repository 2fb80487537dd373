package io.switchboard.chat.model;

import java.util.UUID;

/**
 * One user message of a chat and the answer to it.
 *
 * @param rank the turn's place in its chat's queue: lower runs first
 */
public record Turn(UUID id, String tenantId, String chatId, String clientMessageId, String userId, String text,
        String model, TurnStatus status, long rank) {

    public Turn withText(String newText) {
        return new Turn(id, tenantId, chatId, clientMessageId, userId, newText, model, status, rank);
    }
}
