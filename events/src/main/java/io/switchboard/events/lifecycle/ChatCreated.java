package io.switchboard.events.lifecycle;

import java.util.UUID;

/** A chat was created in a project. */
public record ChatCreated(UUID projectId, String userId, String title, String model) implements LifecycleEvent {
}
