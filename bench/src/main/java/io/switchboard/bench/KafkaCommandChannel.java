package io.switchboard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.kafka.KafkaClassLoading;

/**
 * Produces commands to chat.commands as the gateway does (keyed by chatId, acks=all, idempotence, linger
 * 1 ms), so chat-service sees exactly what a user's message would become. Checks every acknowledgement:
 * a command that failed, or landed on another partition than {@link ChatPartitions} predicts (which would
 * make the head-of-line grouping wrong), is counted.
 */
final class KafkaCommandChannel implements CommandChannel, AutoCloseable {

    private static final int MAX_SAMPLES = 5;

    private final KafkaProducer<String, byte[]> producer;
    private final ChatPartitions partitions;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong misrouted = new AtomicLong();
    private final List<String> samples = new ArrayList<>();

    KafkaCommandChannel(String bootstrapServers, ChatPartitions partitions) {
        this.partitions = partitions;
        this.producer = KafkaClassLoading.create(() -> new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer()));
    }

    @Override
    public long send(String chatId, String tenantId, EventPayload command) {
        byte[] value = EventJson.toBytes(Envelope.of(chatId, tenantId, 0, null, command));
        int expected = partitions.of(chatId);
        long sentNanos = System.nanoTime();
        producer.send(new ProducerRecord<>(Topics.CHAT_COMMANDS, chatId, value), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                sample("command for chat " + chatId + " not stored: " + error);
            } else if (metadata.partition() != expected) {
                misrouted.incrementAndGet();
                sample("command for chat " + chatId + " landed on partition " + metadata.partition()
                        + ", expected " + expected);
            }
        });
        sent.incrementAndGet();
        return sentNanos;
    }

    long sent() {
        return sent.get();
    }

    /** Commands Kafka did not store, and commands stored on another partition than predicted. */
    long problems() {
        return failed.get() + misrouted.get();
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }

    /** Waits for every command handed over so far to be acknowledged (or to fail). */
    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private synchronized void sample(String problem) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(problem);
        }
    }
}
