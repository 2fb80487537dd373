package io.switchboard.events.lifecycle;

import java.util.UUID;

/**
 * A user's read position in the chat moved forward: {@code readCount} of its messages are read, up to and
 * including the one with seq {@code lastReadSeq}. What that user has unread is the chat's message count less
 * {@code readCount}; the other project members learn how far the user has read.
 */
public record ChatMarkedRead(UUID projectId, String userId, long readCount, long lastReadSeq)
        implements LifecycleEvent {
}
