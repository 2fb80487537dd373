package io.switchboard.events.lifecycle;

import java.util.UUID;

/** A chat was deleted with its history and workspace. */
public record ChatDeleted(UUID projectId) implements LifecycleEvent {
}
