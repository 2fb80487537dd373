package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * A chat was renamed, given another model or description, pinned or unpinned, marked completed or reopened.
 * Carries the chat's whole state after the change. The fields after {@code model} were added later: a record
 * written before them has none, so a consumer treats their absence as "unknown", not as a change.
 *
 * @param status the chat's status, lower-case ({@code active}, {@code completed}); archiving and restoring have
 *               their own events
 */
public record ChatUpdated(UUID projectId, String title, String model, @Nullable String description,
        @Nullable Boolean pinned, @Nullable String status) implements LifecycleEvent {

    public ChatUpdated(UUID projectId, String title, String model) {
        this(projectId, title, model, null, null, null);
    }
}
