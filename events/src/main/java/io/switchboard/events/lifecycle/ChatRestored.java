package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.EventPayload;

/** An archived chat was brought back. */
public record ChatRestored(UUID projectId) implements EventPayload {
}
