package io.switchboard.events.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.MalformedEventException;

/**
 * Kafka value deserializer for envelopes. An unreadable record becomes {@code null} instead of an
 * exception, so one bad record cannot stop a consumer: {@link ChatKeyGuard} then rejects and counts it.
 */
public class EnvelopeDeserializer implements Deserializer<Envelope> {

    private static final Logger LOG = Logger.getLogger(EnvelopeDeserializer.class);

    @Override
    public Envelope deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.fromBytes(data);
        } catch (MalformedEventException e) {
            LOG.debugf("Unreadable record on %s: %s", topic, e.getMessage());
            return null;
        }
    }
}
