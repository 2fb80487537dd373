package io.switchboard.events.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;

/**
 * Kafka value serializer for envelopes. Every record it writes also names its event type in the
 * {@link EventTypeHeader} header, so that a consumer can pass over the types it has no use for without
 * reading the value.
 */
public class EnvelopeSerializer implements Serializer<Envelope> {

    @Override
    public byte[] serialize(String topic, Envelope envelope) {
        return envelope == null ? null : EventJson.toBytes(envelope);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Envelope envelope) {
        if (envelope != null && headers != null) {
            // A record sent again with the same headers must still name one type only.
            headers.remove(EventTypeHeader.NAME);
            headers.add(EventTypeHeader.NAME, envelope.type().getBytes(StandardCharsets.UTF_8));
        }
        return serialize(topic, envelope);
    }
}
