package io.switchboard.bench;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;

/**
 * A plain consumer of chat.events in this JVM, beside the gateway's, to split the TextDelta latency:
 * from {@code at} to the producer's send (the record's CreateTime, millisecond resolution) is time
 * inside chat-service; from {@code at} to this consumer is chat-service plus Kafka; what the WebSocket
 * client sees beyond that is the gateway's fan-out and the socket.
 */
final class ChatEventsTap implements AutoCloseable {

    private final TopicTail<byte[]> tail;
    private final Histogram toSend = Latency.newHistogram();
    private final Histogram toTap = Latency.newHistogram();

    private ChatEventsTap(TopicTail<byte[]> tail) {
        this.tail = tail;
    }

    /** Starts reading at the current end of chat.events, so only this run's turns are measured. */
    static ChatEventsTap start(String bootstrapServers, int partitions) {
        ChatEventsTap tap = new ChatEventsTap(
                new TopicTail<>(bootstrapServers, Topics.CHAT_EVENTS, partitions, new ByteArrayDeserializer()));
        tap.tail.start(poll -> new Thread(poll, "bench-chat-events-tap"), tap::onBatch);
        return tap;
    }

    /** Stops reading and returns what was measured. */
    Split stop() {
        tail.stop();
        synchronized (this) {
            return new Split(Latency.of(toSend), Latency.of(toTap));
        }
    }

    @Override
    public void close() {
        if (tail.polling()) {
            stop();
        }
    }

    private void onBatch(ConsumerRecords<byte[], byte[]> batch) {
        Instant receivedAt = Instant.now();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            measure(record, receivedAt);
        }
    }

    private synchronized void measure(ConsumerRecord<byte[], byte[]> record, Instant receivedAt) {
        try {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if (!event.path("type").asText().equals("TextDelta")) {
                return;
            }
            Instant at = Instant.parse(event.path("at").asText());
            Latency.record(toSend, ChronoUnit.MICROS.between(at, Instant.ofEpochMilli(record.timestamp())));
            Latency.record(toTap, ChronoUnit.MICROS.between(at, receivedAt));
        } catch (IOException | DateTimeParseException e) {
            // Not an event this benchmark produced; the gateway's guard judges those.
        }
    }

    /**
     * @param atToSend TextDelta {@code at} to the producer's send in chat-service (CreateTime, ms resolution)
     * @param atToTap  TextDelta {@code at} to this consumer, in the same JVM as the WebSocket clients
     */
    record Split(Latency atToSend, Latency atToTap) {
    }
}
