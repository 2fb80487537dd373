package io.switchboard.kit.outbox;

/** Entries waiting to be published, and entries set aside because they never can be. */
public record OutboxCounts(long pending, long setAside) {
}
