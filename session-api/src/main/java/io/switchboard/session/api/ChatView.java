package io.switchboard.session.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A chat as the caller sees it: {@code unread} counts the messages after the caller's own read position,
 * {@code busy} says a turn is running or queued, {@code cursor} names the chat's place in a list, to ask for the
 * page after it. {@code lifecycleSeq} is the seq of the chat's latest session.lifecycle event: of two views of one
 * chat (a list page, a sidebar frame), the one with the higher lifecycleSeq is the newer.
 */
public record ChatView(UUID id, UUID projectId, String title, String description, String model, String status,
        String ownerId, boolean pinned, @JsonProperty("isDefault") boolean isDefault, boolean busy,
        long messageCount, long unread, Instant createdAt, Instant updatedAt, Instant lastActivityAt,
        long lifecycleSeq, String cursor) {
}
