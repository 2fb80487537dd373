package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.MalformedEventException;
import io.switchboard.events.kafka.EnvelopeDeserializer;

class EventJsonTest {

    @Test
    void writesTheEnvelopeFieldsOfTheContract() {
        String chatId = UUID.randomUUID().toString();
        Envelope envelope = Envelope.of(chatId, "t1", 5, null, new TextDelta("hello "));

        String json = EventJson.toJson(envelope);

        assertThat(json).contains("\"type\":\"TextDelta\"", "\"chatId\":\"" + chatId + "\"", "\"seq\":5",
                "\"turnId\":null", "\"v\":1", "\"payload\":{\"text\":\"hello \"}");
        assertThat(envelope.eventType().topic()).isEqualTo(Topics.CHAT_EVENTS);
    }

    @Test
    void rejectsUnknownTypesAndMissingFields() {
        String unknownType = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Nope\",\"at\":\"2026-01-01T00:00:00Z\",\"payload\":{}}";
        String noPayload = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"TextDelta\",\"at\":\"2026-01-01T00:00:00Z\"}";

        assertThatThrownBy(() -> EventJson.fromJson(unknownType)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Unknown event type");
        assertThatThrownBy(() -> EventJson.fromJson(noPayload)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("payload");
        assertThatThrownBy(() -> EventJson.fromJson("not json")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void deserializerTurnsUnreadableRecordsIntoNullInsteadOfThrowing() {
        try (EnvelopeDeserializer deserializer = new EnvelopeDeserializer()) {
            assertThat(deserializer.deserialize("chat.events", "{broken".getBytes())).isNull();
            Envelope ok = Envelope.of(UUID.randomUUID().toString(), "t1", 1, UUID.randomUUID(),
                    new TurnCompleted("done", new TokenUsage(3, 4)));
            assertThat(deserializer.deserialize("chat.events", EventJson.toBytes(ok))).isEqualTo(ok);
        }
    }

    @Test
    void payloadAsNamesBothTypesOnMismatch() {
        Envelope envelope = Envelope.of(UUID.randomUUID().toString(), "t1", 1, null, new TextDelta("x"));

        assertThat(envelope.payloadAs(TextDelta.class).text()).isEqualTo("x");
        assertThatThrownBy(() -> envelope.payloadAs(TurnCompleted.class))
                .hasMessageContaining("TextDelta").hasMessageContaining("TurnCompleted");
    }
}
