package io.switchboard.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.infra.kafka.KafkaClassLoading;
import io.switchboard.infra.kafka.KafkaTopics;

/**
 * The floor under the streaming latency: small records keyed by chat ids, produced and consumed by
 * plain Kafka clients in this JVM against the stack's broker, with the producer settings chat-service
 * uses (acks=all, idempotence, linger 1 ms) and the consumer defaults the gateway uses. The send time
 * travels in the record, read with System.nanoTime on both ends.
 */
final class KafkaFloor {

    static final String TOPIC = "bench.kafka-floor";
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final int partitions;

    KafkaFloor(String bootstrapServers, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    /** Sends {@code warmup} unmeasured records, then {@code records} measured ones, at {@code ratePerSecond}. */
    FloorResult measure(int warmup, int records, int recordBytes, int ratePerSecond, int distinctKeys) {
        KafkaTopics.ensure(bootstrapServers, List.of(TOPIC), partitions);
        List<String> keys = IntStream.range(0, distinctKeys).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Histogram latency = Latency.newHistogram();
        int total = warmup + records;
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = TopicTail.consumer(bootstrapServers,
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = KafkaClassLoading.create(this::producer)) {
            TopicTail.assignAtEnd(consumer, TOPIC, partitions);
            // Its own thread: the common pool has a single worker on two cores.
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(
                    () -> consume(consumer, total, warmup, latency),
                    task -> new Thread(task, "bench-floor-consumer").start());
            send(producer, keys, total, recordBytes, ratePerSecond);
            int count = received.join();
            return new FloorResult(Latency.of(latency), count - warmup, records,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<String> keys, int total, int recordBytes,
            int ratePerSecond) {
        Random random = new Random(42);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            // A steady rate, as streaming chats produce, rather than a burst that measures queueing.
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            next += intervalNanos;
            byte[] value = new byte[recordBytes];
            ByteBuffer.wrap(value).putLong(System.nanoTime());
            producer.send(new ProducerRecord<>(TOPIC, keys.get(random.nextInt(keys.size())), value));
        }
        producer.flush();
    }

    private static int consume(KafkaConsumer<byte[], byte[]> consumer, int total, int warmup, Histogram latency) {
        int count = 0;
        long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
        while (count < total && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                if (count++ >= warmup) {
                    long sentAt = ByteBuffer.wrap(record.value()).getLong();
                    Latency.record(latency, TimeUnit.NANOSECONDS.toMicros(now - sentAt));
                }
            }
        }
        return count;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * @param latency  send to receive, microseconds
     * @param received measured records that arrived
     * @param expected measured records sent
     * @param duration the whole measurement including warm-up
     */
    record FloorResult(Latency latency, int received, int expected, Duration duration) {
    }
}
