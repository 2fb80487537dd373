package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * A chat was created as a fork of another one; its branch starts at {@code fromCommit}, or at the
 * source chat's head when that is absent.
 */
public record ChatForked(UUID projectId, String userId, String sourceChatId, String title, String model,
        @Nullable String fromCommit) implements LifecycleEvent {
}
