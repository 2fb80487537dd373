package io.switchboard.events.lifecycle;

import java.util.UUID;

/** A chat was renamed or given another model. */
public record ChatUpdated(UUID projectId, String title, String model) implements LifecycleEvent {
}
