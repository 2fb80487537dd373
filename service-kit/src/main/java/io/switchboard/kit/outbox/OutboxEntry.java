package io.switchboard.kit.outbox;

/** A committed outbox row the relay has claimed. {@code seq} and {@code type} are null only on rows older than the shared outbox. */
public record OutboxEntry(long id, String chatId, Long seq, String type, String eventJson) {
}
