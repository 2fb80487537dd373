package io.switchboard.bench;

import static io.switchboard.bench.RunClock.sleep;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.switchboard.events.Topics;

/**
 * Every dead-letter topic read from its beginning to its end as it is now, counted by topic, by the
 * {@code dlq.reason} header and by the {@code dlq.consumer} that gave up on the record.
 *
 * @param byTopicAndReason "chat.commands.dlq" to reason to records
 * @param byConsumer       consumer (service name) to records
 * @param complete         false when a topic could not be read to its end in time
 */
record DeadLetterCount(Map<String, Map<String, Integer>> byTopicAndReason, Map<String, Integer> byConsumer,
        boolean complete) {

    static final String REASON = "dlq.reason";
    static final String CONSUMER = "dlq.consumer";

    int total() {
        return byTopicAndReason.values().stream().flatMap(reasons -> reasons.values().stream())
                .mapToInt(Integer::intValue).sum();
    }

    static DeadLetterCount read(String bootstrapServers, int partitions, Duration timeout) {
        Map<String, Map<String, Integer>> byTopic = new TreeMap<>();
        Map<String, Integer> byConsumer = new TreeMap<>();
        boolean complete = true;
        try (KafkaConsumer<byte[], byte[]> consumer = TopicTail.consumer(bootstrapServers,
                new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (String topic : Topics.DEAD_LETTER) {
                byTopic.put(topic, new TreeMap<>());
                for (int partition = 0; partition < partitions; partition++) {
                    assigned.add(new TopicPartition(topic, partition));
                }
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!readToEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    complete = false;
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count(record, byTopic, byConsumer);
                }
            }
        }
        return new DeadLetterCount(byTopic, byConsumer, complete);
    }

    private static boolean readToEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    static void count(ConsumerRecord<?, ?> record, Map<String, Map<String, Integer>> byTopic,
            Map<String, Integer> byConsumer) {
        byTopic.computeIfAbsent(record.topic(), topic -> new TreeMap<>())
                .merge(header(record, REASON), 1, Integer::sum);
        byConsumer.merge(header(record, CONSUMER), 1, Integer::sum);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "(none)" : new String(header.value(),
                StandardCharsets.UTF_8);
    }

    /** Waits until the dead-letter topics stop growing, so the count is not taken while consumers still work. */
    static void awaitQuiet(String bootstrapServers, int partitions, Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long previous = -1;
        try (KafkaConsumer<byte[], byte[]> consumer = TopicTail.consumer(bootstrapServers,
                new ByteArrayDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : Topics.DEAD_LETTER) {
                for (int partition = 0; partition < partitions; partition++) {
                    all.add(new TopicPartition(topic, partition));
                }
            }
            while (System.nanoTime() < deadline) {
                long now = consumer.endOffsets(all).values().stream().mapToLong(Long::longValue).sum();
                if (now == previous) {
                    return;
                }
                previous = now;
                sleep(quiet);
            }
        }
    }
}
