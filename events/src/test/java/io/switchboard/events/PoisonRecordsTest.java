package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.kafka.EnvelopeDeserializer;

/**
 * The poison corpus at the contract's door: every kind of bad record a foreign producer could write is
 * turned into a rejection with a stable reason, never an exception and never an envelope a handler would
 * crash on.
 */
class PoisonRecordsTest {

    private final String chatId = UUID.randomUUID().toString();

    @Test
    void nulAndLoneSurrogatesInAnyTextAreRejectedAsInvalidText() {
        assertThat(reasonFor(chatId, send("a\u0000b"))).contains("invalid_text");
        assertThat(reasonFor(chatId, send("lone \uD83D"))).contains("invalid_text");
        assertThat(reasonFor(chatId, send("escape \u001b[31m"))).contains("invalid_text");
    }

    @Test
    void textInsideToolArgumentsIsCheckedToo() {
        String json = envelope("ToolCallStarted", chatId, "t1", 1,
                "{\"toolCallId\":\"c1\",\"tool\":\"write_file\",\"arguments\":{\"path\":\"a\\u0000b\"}}");
        assertThat(reasonFor(chatId, json)).contains("invalid_text");
    }

    @Test
    void structuralPoisonGetsItsOwnReason() {
        assertThat(reasonFor(chatId, "{\"not\": \"an event\"")).contains("malformed");
        assertThat(reasonFor(chatId, "[" .repeat(5000) + "]".repeat(5000))).contains("malformed");
        assertThat(reasonFor(chatId, envelope("NoSuchType", chatId, "t1", 1, "{}"))).contains("unknown_type");
        assertThat(reasonFor(chatId, envelope("TextDelta", chatId, "t1", 99, "{\"text\":\"x\"}")))
                .contains("unsupported_version");
        assertThat(reasonFor(chatId, envelope("SendMessage", chatId, "t1", 1, "{\"userId\":\"u\"}")))
                .contains("invalid_payload");
        assertThat(reasonFor(chatId, envelope("SendMessage", chatId, "t1", 1,
                "{\"clientMessageId\":\"m\",\"userId\":\"u\",\"text\":{\"deep\":1},\"model\":\"offline\"}")))
                .contains("invalid_payload");
    }

    @Test
    void deepNestingInsideAPayloadIsRefusedNotRecursedInto() {
        String deep = "[".repeat(3000) + "]".repeat(3000);
        String json = envelope("ToolCallStarted", chatId, "t1", 1,
                "{\"toolCallId\":\"c1\",\"tool\":\"x\",\"arguments\":" + deep + "}");
        assertThat(reasonFor(chatId, json)).contains("malformed");
    }

    @Test
    void upperCaseOrForeignKeysAndMissingTenantsAreRefusedByTheGuard() {
        String upper = chatId.toUpperCase();
        assertThat(reasonFor(upper, envelope("TextDelta", upper, "t1", 1, "{\"text\":\"x\"}")))
                .contains("invalid_chat_id");
        assertThat(reasonFor(chatId, envelope("TextDelta", chatId, null, 1, "{\"text\":\"x\"}")))
                .contains("missing_tenant_id");
        assertThat(reasonFor(chatId, envelope("TextDelta", chatId, " ", 1, "{\"text\":\"x\"}")))
                .contains("missing_tenant_id");
        assertThat(reasonFor(chatId, envelope("TextDelta", chatId, "t\\u0000", 1, "{\"text\":\"x\"}")))
                .contains("invalid_tenant_id");
        assertThat(reasonFor(chatId, envelope("TextDelta", chatId, "t".repeat(300), 1, "{\"text\":\"x\"}")))
                .contains("invalid_tenant_id");
    }

    @Test
    void aCleanRecordPassesAndKeepsTheRawBytesOutOfItsHeaders() {
        RecordHeaders headers = new RecordHeaders();
        Envelope ok = Envelope.of(chatId, "t1", 3, null, new TextDelta("fine 👋"));
        try (EnvelopeDeserializer deserializer = new EnvelopeDeserializer()) {
            assertThat(deserializer.deserialize("chat.events", headers, EventJson.toBytes(ok))).isEqualTo(ok);
        }
        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void anUnreadableRecordCarriesItsReasonAndOriginalBytes() {
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = EventJson.toJson(send("ok")).replace("\"ok\"", "\"a\\u0000\"").getBytes(StandardCharsets.UTF_8);
        try (EnvelopeDeserializer deserializer = new EnvelopeDeserializer()) {
            assertThat(deserializer.deserialize("chat.commands", headers, bytes)).isNull();
        }
        assertThat(EnvelopeDeserializer.rejection(headers)).isEqualTo("invalid_text");
        assertThat(headers.lastHeader(EnvelopeDeserializer.RAW_HEADER).value()).isEqualTo(bytes);
    }

    private Envelope send(String text) {
        return Envelope.of(chatId, "t1", 0, null, new SendMessage("m-1", "alice", text, "offline"));
    }

    private static Optional<String> reasonFor(String key, Envelope envelope) {
        return reasonFor(key, EventJson.toJson(envelope));
    }

    private static Optional<String> reasonFor(String key, String json) {
        RecordHeaders headers = new RecordHeaders();
        Envelope value;
        try (EnvelopeDeserializer deserializer = new EnvelopeDeserializer()) {
            value = deserializer.deserialize("chat.events", headers, json.getBytes(StandardCharsets.UTF_8));
        }
        ConsumerRecord<String, Envelope> record = new ConsumerRecord<>("chat.events", 0, 7L, 0L,
                TimestampType.CREATE_TIME, 0, 0, key, value, headers, Optional.empty());
        return ChatKeyGuard.rejection(record);
    }

    private static String envelope(String type, String chatId, String tenantId, int version, String payload) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"chatId\":\"" + chatId
                + "\",\"tenantId\":" + (tenantId == null ? "null" : "\"" + tenantId + "\"")
                + ",\"seq\":1,\"turnId\":null,\"at\":\"2026-01-01T00:00:00Z\",\"v\":" + version
                + ",\"payload\":" + payload + "}";
    }
}
