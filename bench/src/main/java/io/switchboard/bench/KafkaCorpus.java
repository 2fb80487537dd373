package io.switchboard.bench;

import static io.switchboard.bench.CorpusJson.json;
import static io.switchboard.bench.CorpusJson.ordered;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Topics;

/**
 * The bad records of the poison benchmark: every {@link KafkaPoison} kind on every chat-scoped topic and on
 * every partition of it, keyed so that Kafka's default partitioner puts it there (so each consumer meets
 * each kind on every partition it reads, before the liveness checks run there). Each record pretends to
 * be the topic's usual traffic: SendMessage on chat.commands, TextDelta on chat.events, ChatCreated on
 * session.lifecycle, WorkspaceReady on workspace.events.
 */
final class KafkaCorpus {

    static final int NESTING_DEPTH = 100_000;

    /**
     * @param key   the record key; for {@link KafkaPoison#KEY_MISMATCH} not the body's chatId
     * @param value the record value; null for a tombstone
     */
    record PoisonRecord(String topic, KafkaPoison kind, int partition, String key, byte[] value) {
    }

    private KafkaCorpus() {
    }

    static List<PoisonRecord> build(ChatPartitions partitions, String tenantId) {
        List<PoisonRecord> records = new ArrayList<>();
        for (String topic : Topics.CHAT_SCOPED) {
            for (KafkaPoison kind : KafkaPoison.values()) {
                for (int partition = 0; partition < partitions.count(); partition++) {
                    records.add(record(partitions, topic, kind, partition, tenantId));
                }
            }
        }
        return records;
    }

    private static PoisonRecord record(ChatPartitions partitions, String topic, KafkaPoison kind, int partition,
            String tenantId) {
        String chatId = partitions.newChatIdOn(partition);
        return switch (kind) {
            case NUL_TEXT -> poison(topic, kind, partition, chatId,
                    envelope(topic, chatId, tenantId, BadInput.NUL.markedText(), 1), BadInput.NUL);
            case LONE_SURROGATE -> poison(topic, kind, partition, chatId,
                    envelope(topic, chatId, tenantId, BadInput.LONE_SURROGATE.markedText(), 1),
                    BadInput.LONE_SURROGATE);
            case NOT_JSON -> new PoisonRecord(topic, kind, partition, chatId, bytes("not JSON at all {"));
            case DEEP_NESTING -> new PoisonRecord(topic, kind, partition, chatId, bytes("[".repeat(NESTING_DEPTH)));
            case UPPER_CASE_CHAT_ID -> {
                String upper = partitions.newChatIdOn(partition, id -> id.toUpperCase(Locale.ROOT))
                        .toUpperCase(Locale.ROOT);
                yield plain(topic, kind, partition, upper, envelope(topic, upper, tenantId, "upper-case chat", 1));
            }
            case NULL_TENANT -> plain(topic, kind, partition, chatId, envelope(topic, chatId, null, "no tenant", 1));
            case UNKNOWN_TYPE -> {
                Map<String, Object> envelope = envelope(topic, chatId, tenantId, "unknown type", 1);
                envelope.put("type", "NoSuchEvent");
                yield plain(topic, kind, partition, chatId, envelope);
            }
            case VERSION_99 -> {
                Map<String, Object> envelope = envelope(topic, chatId, tenantId, "version 99", 1);
                envelope.put("v", 99);
                yield plain(topic, kind, partition, chatId, envelope);
            }
            case MISSING_PAYLOAD_FIELDS -> {
                Map<String, Object> envelope = envelope(topic, chatId, tenantId, "missing fields", 1);
                envelope.put("payload", Map.of());
                yield plain(topic, kind, partition, chatId, envelope);
            }
            case KEY_MISMATCH -> {
                String bodyChatId = partitions.newChatIdOn(partition);
                yield plain(topic, kind, partition, chatId, envelope(topic, bodyChatId, tenantId, "key mismatch", 1));
            }
            case TOMBSTONE -> new PoisonRecord(topic, kind, partition, chatId, null);
        };
    }

    /**
     * The envelope the topic usually carries, with {@code text} in the payload's free-text field, as an
     * ordered map so that one field can be replaced before it is written.
     */
    static Map<String, Object> envelope(String topic, String chatId, String tenantId, String text, long seq) {
        Map<String, Object> payload = switch (topic) {
            case Topics.CHAT_COMMANDS -> ordered("clientMessageId", UUID.randomUUID().toString(),
                    "userId", "poison-user", "text", text, "model", "offline");
            case Topics.CHAT_EVENTS -> ordered("text", text);
            case Topics.SESSION_LIFECYCLE -> ordered("projectId", UUID.randomUUID().toString(),
                    "userId", "poison-user", "title", text, "model", "offline");
            case Topics.WORKSPACE_EVENTS -> ordered("projectId", UUID.randomUUID().toString(),
                    "branch", text, "headCommit", "0".repeat(40));
            default -> throw new IllegalArgumentException("Not a chat-scoped topic: " + topic);
        };
        String type = switch (topic) {
            case Topics.CHAT_COMMANDS -> "SendMessage";
            case Topics.CHAT_EVENTS -> "TextDelta";
            case Topics.SESSION_LIFECYCLE -> "ChatCreated";
            default -> "WorkspaceReady";
        };
        return ordered("id", UUID.randomUUID().toString(), "type", type, "chatId", chatId,
                "tenantId", tenantId, "seq", topic.equals(Topics.CHAT_COMMANDS) ? 0 : seq,
                "turnId", topic.equals(Topics.CHAT_EVENTS) ? UUID.randomUUID().toString() : null,
                "at", Instant.now().toString(), "v", 1, "payload", payload);
    }

    private static PoisonRecord plain(String topic, KafkaPoison kind, int partition, String key,
            Map<String, Object> envelope) {
        return new PoisonRecord(topic, kind, partition, key, bytes(json(envelope)));
    }

    private static PoisonRecord poison(String topic, KafkaPoison kind, int partition, String key,
            Map<String, Object> envelope, BadInput character) {
        return new PoisonRecord(topic, kind, partition, key, bytes(character.unmark(json(envelope))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
