package io.switchboard.events.lifecycle;

import java.util.UUID;

/** An archived chat was brought back. */
public record ChatRestored(UUID projectId) implements LifecycleEvent {
}
