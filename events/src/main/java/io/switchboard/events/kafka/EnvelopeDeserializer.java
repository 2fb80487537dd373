package io.switchboard.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.MalformedEventException;

/**
 * Kafka value deserializer for envelopes. An unreadable record becomes {@code null} instead of an
 * exception, so one bad record cannot stop a consumer: {@link ChatKeyGuard} then rejects and counts it.
 * Why it was unreadable travels in the record's headers ({@link #REJECTION_HEADER}), so that the guard can
 * name the reason and a dead-letter copy can carry the original bytes ({@link #RAW_HEADER}).
 * <p>
 * A consumer that has no use for some event types names them in its {@link #SKIP_TYPES_CONFIG} setting: a record
 * whose {@link EventTypeHeader} names one of them is not read at all (most of chat.events is TextDeltas, which
 * only the gateway needs). It also becomes {@code null}, marked with {@link #SKIPPED_HEADER}: not unreadable, just
 * of no interest, so it is passed over without a rejection or a dead-letter copy ({@link #skipped}).
 */
public class EnvelopeDeserializer implements Deserializer<Envelope> {

    public static final String REJECTION_HEADER = "switchboard.unreadable.reason";
    public static final String RAW_HEADER = "switchboard.unreadable.value";
    public static final String SKIPPED_HEADER = "switchboard.skipped";
    /** Consumer setting: the comma-separated event types this consumer passes over unread. */
    public static final String SKIP_TYPES_CONFIG = "switchboard.skip-types";

    private static final byte[] SKIPPED = {1};

    private static final Logger LOG = Logger.getLogger(EnvelopeDeserializer.class);

    private Set<String> skipTypes = Set.of();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object list = configs.get(SKIP_TYPES_CONFIG);
        skipTypes = EventTypeHeader.parseList(list == null ? null : list.toString());
    }

    @Override
    public Envelope deserialize(String topic, byte[] data) {
        return read(topic, data, null);
    }

    @Override
    public Envelope deserialize(String topic, Headers headers, byte[] data) {
        if (!skipTypes.isEmpty() && data != null && isSkipped(EventTypeHeader.of(headers))) {
            try {
                headers.add(SKIPPED_HEADER, SKIPPED);
                return null;
            } catch (IllegalStateException readOnly) {
                // Headers the client made read-only: the record is read as any other.
            }
        }
        return read(topic, data, headers);
    }

    private boolean isSkipped(String type) {
        return type != null && skipTypes.contains(type);
    }

    /** True when the record was passed over unread because this consumer has no use for its type. */
    public static boolean skipped(Headers headers) {
        return headers != null && headers.lastHeader(SKIPPED_HEADER) != null;
    }

    /** The reason a record's value could not be read, as the deserializer left it in its headers. */
    public static String rejection(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(REJECTION_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Envelope read(String topic, byte[] data, Headers headers) {
        if (data == null) {
            mark(headers, "empty", null);
            return null;
        }
        try {
            return EventJson.fromBytes(data);
        } catch (MalformedEventException e) {
            LOG.debugf("Unreadable record on %s (%s): %s", topic, e.reason(), e.getMessage());
            mark(headers, e.reason(), data);
            return null;
        } catch (RuntimeException e) {
            LOG.debugf("Unreadable record on %s: %s", topic, e.getMessage());
            mark(headers, MalformedEventException.MALFORMED, data);
            return null;
        }
    }

    private static void mark(Headers headers, String reason, byte[] data) {
        if (headers == null) {
            return;
        }
        try {
            headers.add(REJECTION_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            if (data != null) {
                headers.add(RAW_HEADER, data);
            }
        } catch (IllegalStateException readOnly) {
            // Headers the client made read-only: the reason is then only "unreadable".
        }
    }
}
