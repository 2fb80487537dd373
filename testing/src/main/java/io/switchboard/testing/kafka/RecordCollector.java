package io.switchboard.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.infra.kafka.KafkaClassLoading;
import io.switchboard.testing.TestInfrastructure;

/**
 * Collects the records of one topic in a background thread, for tests that assert on raw
 * topics. Keys are strings, values raw bytes ({@link #text(ConsumerRecord)} decodes UTF-8).
 *
 * <pre>{@code
 * try (RecordCollector events = RecordCollector.fromEnd(Topics.CHAT_EVENTS)) {
 *     ... act ...
 *     ConsumerRecord<String, byte[]> event = events.awaitRecord(r -> chatId.equals(r.key()), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>It is assigned all partitions directly instead of joining a consumer group: the start
 * position is fixed before the constructor returns, so nothing produced afterwards is missed
 * and there is no rebalance to wait for. It reads with {@code read_committed}, like the services.
 */
public final class RecordCollector implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private RuntimeException failure;
    private volatile boolean running = true;

    private RecordCollector(String bootstrapServers, String topic, boolean fromBeginning) {
        this.topic = topic;
        this.consumer = KafkaClassLoading.create(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "record-collector-" + topic + "-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        try {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            // position() resolves the lazy seek now rather than at the first poll.
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.poller = new Thread(this::poll, "record-collector-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    /** Collects what is produced to the topic from now on, on the test infrastructure's broker. */
    public static RecordCollector fromEnd(String topic) {
        return new RecordCollector(TestInfrastructure.bootstrapServers(), topic, false);
    }

    /** Collects everything in the topic, past and future, on the test infrastructure's broker. */
    public static RecordCollector fromBeginning(String topic) {
        return new RecordCollector(TestInfrastructure.bootstrapServers(), topic, true);
    }

    /** Like {@link #fromEnd(String)} or {@link #fromBeginning(String)} on any broker. */
    public static RecordCollector start(String bootstrapServers, String topic, boolean fromBeginning) {
        return new RecordCollector(bootstrapServers, topic, fromBeginning);
    }

    /** A snapshot of everything collected so far, in arrival order. */
    public List<ConsumerRecord<String, byte[]>> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Waits for the first record that matches, failing with an {@link AssertionError} after the timeout. */
    public ConsumerRecord<String, byte[]> awaitRecord(Predicate<? super ConsumerRecord<String, byte[]>> matching,
            Duration timeout) {
        return awaitRecords(matching, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} collected records match and returns all that match,
     * failing with an {@link AssertionError} after the timeout.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<? super ConsumerRecord<String, byte[]>> matching,
            int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (true) {
                List<ConsumerRecord<String, byte[]>> matches = records.stream().filter(matching).toList();
                if (matches.size() >= count) {
                    return matches;
                }
                if (failure != null) {
                    throw new AssertionError("Collecting from " + topic + " failed", failure);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("Expected " + count + " matching record(s) on " + topic + " within " + timeout
                            + " but found " + matches.size() + " among " + records.size() + " collected");
                }
                try {
                    records.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for records on " + topic, e);
                }
            }
        }
    }

    /** The value decoded as UTF-8, or null for a tombstone. */
    public static String text(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            poller.join(METADATA_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private void poll() {
        try {
            while (running) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(POLL_INTERVAL).forEach(batch::add);
                if (!batch.isEmpty()) {
                    synchronized (records) {
                        records.addAll(batch);
                        records.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (RuntimeException e) {
            synchronized (records) {
                failure = e;
                records.notifyAll();
            }
        } finally {
            consumer.close();
        }
    }
}
