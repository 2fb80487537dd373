package io.switchboard.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TurnStarted;

/** The type header the serializer writes, and the deserializer passing over the types a consumer skips. */
class EventTypeHeaderTest {

    private static final String CHAT = UUID.randomUUID().toString();
    private static final byte[] NOT_JSON = "{not json".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySerializedRecordNamesItsTypeOnce() {
        Headers headers = new RecordHeaders();
        headers.add(EventTypeHeader.NAME, "TurnStarted".getBytes(StandardCharsets.UTF_8));

        new EnvelopeSerializer().serialize("chat.events", headers, delta());

        assertThat(headers.headers(EventTypeHeader.NAME)).hasSize(1);
        assertThat(EventTypeHeader.of(headers)).isEqualTo("TextDelta");
    }

    @Test
    void aSkippedTypeIsPassedOverUnreadAndMarkedSo() {
        EnvelopeDeserializer deserializer = skipping("TextDelta, CommandRejected");
        Headers headers = typed("TextDelta");

        // Not even read: a value no parser accepts is not rejected.
        assertThat(deserializer.deserialize("chat.events", headers, NOT_JSON)).isNull();
        assertThat(EnvelopeDeserializer.skipped(headers)).isTrue();
        assertThat(EnvelopeDeserializer.rejection(headers)).isNull();
    }

    @Test
    void otherTypesAndRecordsWithoutTheHeaderAreReadAndChecked() {
        EnvelopeDeserializer deserializer = skipping("TextDelta");
        Envelope started = Envelope.of(CHAT, "t1", 2, UUID.randomUUID(), new TurnStarted("offline"));
        Headers startedHeaders = typed("TurnStarted");
        Headers untyped = new RecordHeaders();
        Headers lying = typed("TurnStarted");

        assertThat(deserializer.deserialize("chat.events", startedHeaders, bytes(started))).isEqualTo(started);
        assertThat(deserializer.deserialize("chat.events", untyped, bytes(delta()))).isNotNull();
        assertThat(deserializer.deserialize("chat.events", lying, NOT_JSON)).isNull();

        assertThat(EnvelopeDeserializer.skipped(startedHeaders)).isFalse();
        assertThat(EnvelopeDeserializer.skipped(untyped)).isFalse();
        assertThat(EnvelopeDeserializer.skipped(lying)).isFalse();
        assertThat(EnvelopeDeserializer.rejection(lying)).isEqualTo("malformed");
    }

    @Test
    void aConsumerThatSkipsNothingReadsEveryRecord() {
        EnvelopeDeserializer deserializer = new EnvelopeDeserializer();
        deserializer.configure(Map.of(), false);
        Headers headers = typed("TextDelta");

        assertThat(deserializer.deserialize("chat.events", headers, bytes(delta()))).isNotNull();
        assertThat(EnvelopeDeserializer.skipped(headers)).isFalse();
    }

    @Test
    void aListNamingNoEventTypeFailsTheConsumersStart() {
        assertThatThrownBy(() -> skipping("TextDelta,TextDeltas,Turnstarted"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TextDeltas").hasMessageContaining("Turnstarted");
    }

    private static EnvelopeDeserializer skipping(String types) {
        EnvelopeDeserializer deserializer = new EnvelopeDeserializer();
        deserializer.configure(Map.of(EnvelopeDeserializer.SKIP_TYPES_CONFIG, types), false);
        return deserializer;
    }

    private static Headers typed(String type) {
        Headers headers = new RecordHeaders();
        headers.add(EventTypeHeader.NAME, type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static Envelope delta() {
        return Envelope.of(CHAT, "t1", 1, UUID.randomUUID(), new TextDelta("a few words"));
    }

    private static byte[] bytes(Envelope envelope) {
        return new EnvelopeSerializer().serialize("chat.events", envelope);
    }
}
