package io.switchboard.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.text.TextRules;
import io.switchboard.kit.messaging.KafkaClientSettings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Copies records a consumer gave up on to {@code <topic>.dlq}, keyed as the original (the chatId), with the
 * original bytes and headers saying where it came from and why: {@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION},
 * {@value #SOURCE_OFFSET}, {@value #REASON}, {@value #ERROR} and {@value #CONSUMER}. An operator can read,
 * fix and replay them; nothing a consumer skips is lost.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String METRIC = "switchboard.consumer.dead.lettered";
    public static final String LOST_METRIC = "switchboard.consumer.dead.letters.lost";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String REASON = "dlq.reason";
    public static final String ERROR = "dlq.error";
    public static final String CONSUMER = "dlq.consumer";

    private static final int MAX_ERROR_LENGTH = 1000;

    private final KafkaClientSettings kafka;
    private final String consumerName;
    private final ConsumerPolicyConfig config;
    private final MeterRegistry registry;
    private volatile KafkaProducer<String, byte[]> producer;

    public DeadLetters(KafkaClientSettings kafka,
            @ConfigProperty(name = "quarkus.application.name") String consumerName, ConsumerPolicyConfig config,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.consumerName = consumerName;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Writes the copy and completes once Kafka acknowledged it. Never fails: a copy Kafka would not take within
     * the configured patience is logged with the record's coordinates and counted in {@value #LOST_METRIC}.
     */
    public Uni<Void> send(ConsumerRecord<String, ?> record, String reason, Throwable cause) {
        registry.counter(METRIC, "topic", record.topic(), "reason", reason).increment();
        String error = cause == null ? reason : describe(cause);
        Log.warnf("chatId=%s record topic=%s partition=%d offset=%d dead-lettered: %s (%s)", keyOf(record),
                record.topic(), record.partition(), record.offset(), reason, error);
        ProducerRecord<String, byte[]> copy = copy(record, reason, error, valueOf(record));
        long attempts = Math.max(1, config.deadLetterPatience().toMillis() / 2000);
        return produce(copy)
                .onFailure(RecordTooLargeException.class).recoverWithUni(tooLarge -> produce(
                        copy(record, reason, error + "; value left out: too large for the dead-letter topic", null)))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(attempts)
                .onFailure().recoverWithItem(failure -> {
                    registry.counter(LOST_METRIC, "topic", record.topic()).increment();
                    Log.errorf("chatId=%s record topic=%s partition=%d offset=%d could not be dead-lettered: %s",
                            keyOf(record), record.topic(), record.partition(), record.offset(), failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> produce(ProducerRecord<String, byte[]> copy) {
        // The acknowledgement arrives on the producer's I/O thread; the consumer carries on where it was.
        Context caller = Vertx.currentContext();
        Executor back = caller == null ? Infrastructure.getDefaultExecutor()
                : command -> caller.runOnContext(ignored -> command.run());
        return Uni.createFrom().<Void>emitter(emitter -> producer().send(copy, (metadata, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(null);
            }
        })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(back);
    }

    private ProducerRecord<String, byte[]> copy(ConsumerRecord<String, ?> record, String reason, String error,
            byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().equals(EnvelopeDeserializer.RAW_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(SOURCE_TOPIC, bytes(record.topic()));
        headers.add(SOURCE_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, bytes(Long.toString(record.offset())));
        headers.add(REASON, bytes(reason));
        headers.add(ERROR, bytes(error));
        headers.add(CONSUMER, bytes(consumerName));
        return new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), value, headers);
    }

    private static byte[] valueOf(ConsumerRecord<String, ?> record) {
        Header raw = record.headers().lastHeader(EnvelopeDeserializer.RAW_HEADER);
        if (raw != null) {
            return raw.value();
        }
        if (record.value() instanceof Envelope envelope) {
            return EventJson.toBytes(envelope);
        }
        if (record.value() instanceof byte[] bytes) {
            return bytes;
        }
        return null;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = TextRules.sanitize(root.getClass().getSimpleName() + ": " + root.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
    }

    private static String keyOf(ConsumerRecord<String, ?> record) {
        String key = record.key();
        return key == null ? null : TextRules.sanitize(key.length() > 80 ? key.substring(0, 80) + "..." : key);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(kafka.with(Map.of(
                            ProducerConfig.CLIENT_ID_CONFIG, consumerName + "-dead-letters",
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
                            new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
