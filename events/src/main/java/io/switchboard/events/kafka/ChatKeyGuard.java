package io.switchboard.events.kafka;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.ChatIds;
import io.switchboard.events.Envelope;
import io.switchboard.events.Identifiers;
import io.switchboard.events.text.TextRules;

/**
 * The consumer-side gate every service puts in front of its Kafka handlers. Routing is by chatId
 * only, so a record whose chatId is missing, malformed or different from its key could land in the
 * wrong chat: it is logged with its coordinates, counted, and never handed on.
 */
@ApplicationScoped
public class ChatKeyGuard {

    /** Counter of rejected records, tagged with {@code topic} and {@code reason}. */
    public static final String REJECTED_METRIC = "switchboard.events.rejected";

    private static final Logger LOG = Logger.getLogger(ChatKeyGuard.class);

    private final MeterRegistry registry;

    public ChatKeyGuard(MeterRegistry registry) {
        this.registry = registry;
    }


    /** True when the record may be delivered; otherwise it has been logged and counted. */
    public boolean admit(ConsumerRecord<String, Envelope> record) {
        Optional<String> rejection = rejection(record);
        if (rejection.isEmpty()) {
            return true;
        }
        String reason = rejection.get();
        LOG.warnf("Rejected record topic=%s partition=%d offset=%d key=%s chatId=%s reason=%s",
                record.topic(), record.partition(), record.offset(), printable(record.key()),
                record.value() == null ? null : printable(record.value().chatId()), reason);
        registry.counter(REJECTED_METRIC, "topic", record.topic(), "reason", reason).increment();
        return false;
    }

    /**
     * Why the record must not be delivered, if it must not: a code of {@link Rejection}, or for a value that
     * could not be read at all the deserializer's reason (for example {@code invalid_text}).
     */
    public static Optional<String> rejection(ConsumerRecord<String, Envelope> record) {
        if (record.value() == null) {
            String unreadable = EnvelopeDeserializer.rejection(record.headers());
            return Optional.of(unreadable != null ? unreadable : Rejection.UNREADABLE.code());
        }
        return check(record.key(), record.value()).map(Rejection::code);
    }

    /** The reason a record with this key and value must not be delivered, if any. */
    public static Optional<Rejection> check(String key, Envelope envelope) {
        if (envelope == null) {
            return Optional.of(Rejection.UNREADABLE);
        }
        if (envelope.chatId() == null || envelope.chatId().isBlank()) {
            return Optional.of(Rejection.MISSING_CHAT_ID);
        }
        if (!ChatIds.isValid(envelope.chatId())) {
            return Optional.of(Rejection.INVALID_CHAT_ID);
        }
        if (!envelope.chatId().equals(key)) {
            return Optional.of(Rejection.KEY_MISMATCH);
        }
        if (envelope.tenantId() == null || envelope.tenantId().isBlank()) {
            return Optional.of(Rejection.MISSING_TENANT_ID);
        }
        if (!Identifiers.isValid(envelope.tenantId())) {
            return Optional.of(Rejection.INVALID_TENANT_ID);
        }
        return Optional.empty();
    }

    /** A key or id as it may appear in a log line: bounded, and without characters that forge log lines. */
    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String clean = TextRules.sanitize(text).replaceAll("[\\r\\n\\t]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
