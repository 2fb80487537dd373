package io.switchboard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.events.Topics;
import io.switchboard.infra.kafka.KafkaClassLoading;

/**
 * A plain consumer of every partition of chat.events, with default fetch settings, handing each record to
 * the {@link EventAudit} on its own thread. It starts at the current end, so it sees exactly the events
 * of this run's commands, and it is the only reader: its view is what any consumer of the topic gets.
 */
final class ChatEventsFeed implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventAudit audit;
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private ChatEventsFeed(KafkaConsumer<String, byte[]> consumer, EventAudit audit) {
        this.consumer = consumer;
        this.audit = audit;
        this.poller = new Thread(this::poll, "bench-chat-events-feed");
        this.poller.setDaemon(true);
    }

    static ChatEventsFeed start(String bootstrapServers, int partitions, EventAudit audit) {
        KafkaConsumer<String, byte[]> consumer = KafkaClassLoading.create(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer()));
        List<TopicPartition> assigned = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            assigned.add(new TopicPartition(Topics.CHAT_EVENTS, partition));
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // Resolves the end offsets now, before any command is sent, so no event of the run is skipped.
        assigned.forEach(consumer::position);
        ChatEventsFeed feed = new ChatEventsFeed(consumer, audit);
        feed.poller.start();
        return feed;
    }

    /** Why the feed stopped reading early, if it did: every figure after that is incomplete. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                long consumedNanos = System.nanoTime();
                Instant consumedAt = Instant.now();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    audit.onRecord(record.key(), record.partition(), record.value(), consumedNanos, consumedAt);
                }
            }
        } catch (WakeupException e) {
            // close() asked to end the poll.
        } catch (RuntimeException | Error e) {
            failure = e;
            System.err.println("[bench] reading chat.events failed: " + e);
        } finally {
            consumer.close();
        }
    }
}
