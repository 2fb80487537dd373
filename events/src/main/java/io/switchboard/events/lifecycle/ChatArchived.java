package io.switchboard.events.lifecycle;

import java.util.UUID;

/** A chat was archived: hidden from the sidebar, its queue cancelled, its history kept. */
public record ChatArchived(UUID projectId) implements LifecycleEvent {
}
