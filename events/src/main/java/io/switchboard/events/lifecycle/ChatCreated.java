package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * A chat was created in a project. A duplicate names the chat it copies and that chat's last turn it holds
 * ({@code sourceChatId}, {@code sourceTurnId}), so that its model sees the copied conversation; a new or imported
 * chat names none. The two fields were added later: a record written before them has neither.
 */
public record ChatCreated(UUID projectId, String userId, String title, String model, @Nullable String sourceChatId,
        @Nullable UUID sourceTurnId) implements LifecycleEvent {

    public ChatCreated(UUID projectId, String userId, String title, String model) {
        this(projectId, userId, title, model, null, null);
    }
}
