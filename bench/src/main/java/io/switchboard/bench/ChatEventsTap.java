package io.switchboard.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.kafka.KafkaClassLoading;

/**
 * A plain consumer of chat.events in this JVM, beside the gateway's, to split the TextDelta latency:
 * from {@code at} to the producer's send (the record's CreateTime, millisecond resolution) is time
 * inside chat-service; from {@code at} to this consumer is chat-service plus Kafka; what the WebSocket
 * client sees beyond that is the gateway's fan-out and the socket.
 */
final class ChatEventsTap implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Histogram toSend = Latency.newHistogram();
    private final Histogram toTap = Latency.newHistogram();
    private final Thread poller;
    private volatile boolean running = true;

    private ChatEventsTap(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        this.poller = new Thread(this::poll, "bench-chat-events-tap");
    }

    /** Starts reading at the current end of chat.events, so only this run's turns are measured. */
    static ChatEventsTap start(String bootstrapServers, int partitions) {
        KafkaConsumer<byte[], byte[]> consumer = KafkaClassLoading.create(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        List<TopicPartition> assigned = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            assigned.add(new TopicPartition(Topics.CHAT_EVENTS, partition));
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position);
        ChatEventsTap tap = new ChatEventsTap(consumer);
        tap.poller.start();
        return tap;
    }

    /** Stops reading and returns what was measured. */
    Split stop() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new Split(Latency.of(toSend), Latency.of(toTap));
        }
    }

    @Override
    public void close() {
        if (poller.isAlive()) {
            stop();
        }
    }

    private void poll() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                Instant receivedAt = Instant.now();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    measure(record, receivedAt);
                }
            }
        } catch (WakeupException e) {
            // stop() asked to end the poll.
        } finally {
            consumer.close();
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
