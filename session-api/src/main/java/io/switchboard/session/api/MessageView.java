package io.switchboard.session.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One finished message; {@code toolCalls} are an answer's tool calls in the order they started (empty for a
 * question); {@code seq} is the chat.events position it was written from, {@code cursor} its
 * position in the history, to ask for the page after it.
 */
public record MessageView(UUID id, UUID turnId, String role, String status, String content, String model,
        String error, Long inputTokens, Long outputTokens, List<ToolCallSummary> toolCalls, long seq, String cursor,
        Instant createdAt) {
}
