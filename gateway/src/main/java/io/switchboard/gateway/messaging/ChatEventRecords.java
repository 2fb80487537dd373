package io.switchboard.gateway.messaging;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventType;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.kafka.EventTypeHeader;

/**
 * The gateway consumes chat.events as bytes, so that it can pass over a record of a chat nobody here follows
 * before its value is read. This reads the rest exactly as the envelope deserializer would have.
 */
public final class ChatEventRecords {

    /**
     * The types read for every chat, followed or not: the attention inbox and the busy-and-queue snapshot of a new
     * subscriber are derived from them, and they are about 4 of a turn's 17 records.
     */
    static final Set<String> ALWAYS_READ = Set.of(EventType.TURN_QUEUED.wireName(),
            EventType.TURN_STARTED.wireName(), EventType.TURN_COMPLETED.wireName(), EventType.TURN_FAILED.wireName(),
            EventType.TURN_CANCELLED.wireName(), EventType.QUEUED_TURN_EDITED.wireName());

    private static final EnvelopeDeserializer DESERIALIZER = new EnvelopeDeserializer();

    private ChatEventRecords() {
    }

    /**
     * True when the record's type may be passed over for an unfollowed chat: it names one and not a turn boundary.
     * A record without the header, or without a key, is read: only its value can tell what it is.
     */
    public static boolean mayPassOver(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return false;
        }
        String type = EventTypeHeader.of(record.headers());
        return type != null && !ALWAYS_READ.contains(type);
    }

    /** The record with its value read; an unreadable one has a null value and says why in its headers. */
    public static ConsumerRecord<String, Envelope> read(ConsumerRecord<String, byte[]> record) {
        // A record without a value reaches no deserializer in the Kafka client either: the guard names it unreadable.
        Envelope envelope = record.value() == null ? null
                : DESERIALIZER.deserialize(record.topic(), record.headers(), record.value());
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                envelope, record.headers(), record.leaderEpoch());
    }
}
