package io.switchboard.events.kafka;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.ChatIds;
import io.switchboard.events.Envelope;

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
        Optional<Rejection> rejection = check(record.key(), record.value());
        if (rejection.isEmpty()) {
            return true;
        }
        String reason = rejection.get().code();
        LOG.warnf("Rejected record topic=%s partition=%d offset=%d key=%s chatId=%s reason=%s",
                record.topic(), record.partition(), record.offset(), record.key(),
                record.value() == null ? null : record.value().chatId(), reason);
        registry.counter(REJECTED_METRIC, "topic", record.topic(), "reason", reason).increment();
        return false;
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
        return Optional.empty();
    }
}
