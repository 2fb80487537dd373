package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * A chat was created as a fork of another one; its branch starts at {@code fromCommit}, or at the
 * source chat's head when that is absent. The fork holds the source's history up to and including
 * {@code sourceTurnId}, when that is given (added later: older records have none).
 */
public record ChatForked(UUID projectId, String userId, String sourceChatId, String title, String model,
        @Nullable String fromCommit, @Nullable UUID sourceTurnId) implements LifecycleEvent {

    public ChatForked(UUID projectId, String userId, String sourceChatId, String title, String model,
            String fromCommit) {
        this(projectId, userId, sourceChatId, title, model, fromCommit, null);
    }
}
