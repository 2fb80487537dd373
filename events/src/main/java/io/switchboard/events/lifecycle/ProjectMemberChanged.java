package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * A user's role in a project changed: added, given another role, or removed ({@code role} null). About a project,
 * not a chat: the record's key and the envelope's chatId are the projectId, so a project's membership changes
 * are ordered like a chat's lifecycle. {@code role} is owner, editor or viewer.
 */
public record ProjectMemberChanged(UUID projectId, String userId, @Nullable String role) implements LifecycleEvent {
}
