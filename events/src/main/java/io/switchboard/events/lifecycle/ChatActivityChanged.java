package io.switchboard.events.lifecycle;

import java.time.Instant;
import java.util.UUID;

/**
 * A message of the chat was stored: how many it now has, whether a turn is still queued or running, and when the
 * last one was written. Carries the absolute figures, not a change, so a consumer that missed one keeps no error.
 */
public record ChatActivityChanged(UUID projectId, long messageCount, boolean busy, Instant lastActivityAt)
        implements LifecycleEvent {
}
