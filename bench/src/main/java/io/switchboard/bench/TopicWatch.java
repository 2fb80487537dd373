package io.switchboard.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

/**
 * What the services produced on one topic from now on, by chatId, read with a plain consumer in this JVM:
 * the liveness checks tell a producer that stopped (nothing in Kafka) from a consumer that stopped (in
 * Kafka, never delivered). Records that are not JSON objects are skipped: the benchmark wrote those itself.
 */
final class TopicWatch implements AutoCloseable {

    /** An event and when this JVM read it ({@link System#nanoTime()}). */
    record Seen(JsonNode event, long nanos) {
    }

    private final TopicTail<String> tail;
    private final Map<String, List<Seen>> byChat = new HashMap<>();

    private TopicWatch(TopicTail<String> tail) {
        this.tail = tail;
    }

    static TopicWatch start(String bootstrapServers, String topic, int partitions) {
        TopicWatch watch = new TopicWatch(new TopicTail<>(bootstrapServers, topic, partitions,
                new StringDeserializer()));
        watch.tail.start(DaemonThreads.named("bench-watch-" + topic), watch::onBatch);
        return watch;
    }

    private void onBatch(ConsumerRecords<String, byte[]> batch) {
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (record.value() == null) {
                continue;
            }
            try {
                JsonNode event = EventJson.mapper().readTree(record.value());
                if (event != null && event.isObject()) {
                    synchronized (this) {
                        byChat.computeIfAbsent(event.path("chatId").asText(), id -> new ArrayList<>())
                                .add(new Seen(event, now));
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // Not JSON: one of the benchmark's own bad records.
            }
        }
    }

    /** The first event of the chat that {@code wanted} accepts, waiting up to {@code timeout}. */
    synchronized Optional<Seen> await(String chatId, Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Seen> found = byChat.getOrDefault(chatId, List.of()).stream()
                    .filter(seen -> wanted.test(seen.event())).findFirst();
            long left = deadline - System.nanoTime();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    /** How many of the chat's events so far {@code wanted} accepts. */
    synchronized long count(String chatId, Predicate<JsonNode> wanted) {
        return byChat.getOrDefault(chatId, List.of()).stream().filter(seen -> wanted.test(seen.event())).count();
    }

    static Predicate<JsonNode> type(String... types) {
        List<String> wanted = List.of(types);
        return event -> wanted.contains(event.path("type").asText());
    }

    @Override
    public void close() {
        tail.stop();
    }
}
