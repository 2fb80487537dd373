package io.switchboard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.switchboard.infra.kafka.KafkaClassLoading;

/**
 * A plain consumer of every partition of one topic, with default fetch settings, from the topic's current
 * end: it sees exactly what this run produces. Once started it hands each batch on, on a thread of its own,
 * until it is stopped.
 */
final class TopicTail<K> {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<K, byte[]> consumer;
    private volatile boolean running = true;
    private Thread poller;

    TopicTail(String bootstrapServers, String topic, int partitions, Deserializer<K> keys) {
        this.consumer = consumer(bootstrapServers, keys);
        assignAtEnd(consumer, topic, partitions);
    }

    /** Without a group or committed offsets: every benchmark reader assigns its partitions itself. */
    static <K> KafkaConsumer<K, byte[]> consumer(String bootstrapServers, Deserializer<K> keys) {
        return KafkaClassLoading.create(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                keys, new ByteArrayDeserializer()));
    }

    /**
     * Assigns every partition at its current end, resolved now, before the run produces anything, so none of
     * its records is skipped.
     */
    static void assignAtEnd(KafkaConsumer<?, ?> consumer, String topic, int partitions) {
        List<TopicPartition> assigned = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            assigned.add(new TopicPartition(topic, partition));
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position);
    }

    /**
     * @param threads makes the polling thread; a failure while polling ends it, as its uncaught exception
     * @param onBatch called on that thread with every batch polled, empty ones included
     */
    void start(ThreadFactory threads, Consumer<ConsumerRecords<K, byte[]>> onBatch) {
        poller = threads.newThread(() -> poll(onBatch));
        poller.start();
    }

    boolean polling() {
        return poller.isAlive();
    }

    void stop() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(Consumer<ConsumerRecords<K, byte[]>> onBatch) {
        try {
            while (running) {
                onBatch.accept(consumer.poll(POLL_TIMEOUT));
            }
        } catch (WakeupException e) {
            // stop() asked to end the poll.
        } finally {
            consumer.close();
        }
    }
}
