package io.switchboard.kit.outbox;

/**
 * A committed outbox row a relay pass has claimed. {@code seq} and {@code type} are null only on rows written
 * before the shared outbox; the relay reads both from {@code eventJson} anyway.
 */
public record OutboxEntry(long id, String chatId, Long seq, String type, String eventJson) {
}
