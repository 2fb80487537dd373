package io.switchboard.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.infra.kafka.KafkaClassLoading;
import io.switchboard.testing.TestInfrastructure;

/**
 * Writes arbitrary records to a topic, bypassing the services' serialisation: for injecting
 * malformed, mismatched or unkeyed records. Every send waits for the broker's acknowledgement.
 *
 * <pre>{@code
 * try (RawProducer producer = RawProducer.create()) {
 *     producer.send(Topics.CHAT_COMMANDS, chatId, "{not json");
 * }
 * }</pre>
 */
public final class RawProducer implements AutoCloseable {

    private static final long SEND_TIMEOUT_SECONDS = 15;

    private final KafkaProducer<String, byte[]> producer;

    private RawProducer(String bootstrapServers) {
        this.producer = KafkaClassLoading.create(() -> new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
    }

    /** A producer for the test infrastructure's broker. */
    public static RawProducer create() {
        return new RawProducer(TestInfrastructure.bootstrapServers());
    }

    public static RawProducer create(String bootstrapServers) {
        return new RawProducer(bootstrapServers);
    }

    /** Sends the bytes as they are; a null key spreads records over partitions, a null value is a tombstone. */
    public RecordMetadata send(String topic, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends the text as UTF-8. */
    public RecordMetadata send(String topic, String key, String value) {
        return send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a fully specified record, e.g. with headers or an explicit partition. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
