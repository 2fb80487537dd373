package io.switchboard.events.kafka;

import org.apache.kafka.common.serialization.Serializer;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;

/** Kafka value serializer for envelopes. */
public class EnvelopeSerializer implements Serializer<Envelope> {

    @Override
    public byte[] serialize(String topic, Envelope envelope) {
        return envelope == null ? null : EventJson.toBytes(envelope);
    }
}
