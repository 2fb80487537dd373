package io.switchboard.session.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * One finished message; {@code seq} is the chat.events position it was written from, {@code cursor} its
 * position in the history, to ask for the page after it.
 */
public record MessageView(UUID id, UUID turnId, String role, String status, String content, String model,
        String error, Long inputTokens, Long outputTokens, long seq, String cursor, Instant createdAt) {
}
