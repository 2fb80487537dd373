package io.switchboard.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.kafka.KafkaClassLoading;

/**
 * Writes records straight onto the topics, bytes as given, keyed by the given key and placed by Kafka's
 * default partitioner, with the services' own producer settings: whatever a broken or hostile producer with
 * access to the topics could write, the services must survive.
 */
final class RawRecords implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    RawRecords(String bootstrapServers) {
        this.producer = KafkaClassLoading.create(() -> new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer()));
    }

    Future<RecordMetadata> send(String topic, String key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** A valid envelope, keyed by its chatId as every service keys its records. */
    Future<RecordMetadata> send(String topic, Envelope envelope) {
        return send(topic, envelope.chatId(), EventJson.toBytes(envelope));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
