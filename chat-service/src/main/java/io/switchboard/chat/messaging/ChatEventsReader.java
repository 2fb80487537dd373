package io.switchboard.chat.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.kit.messaging.KafkaClientSettings;

/**
 * Reads back what was published on a chat.events partition: after a crash, the records there are the only
 * trace of events published after a chat's last stored seq.
 */
@ApplicationScoped
public class ChatEventsReader {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Set<String> ENDINGS = Set.of(EventType.TURN_COMPLETED.wireName(),
            EventType.TURN_FAILED.wireName(), EventType.TURN_CANCELLED.wireName());

    private final KafkaClientSettings kafka;

    public ChatEventsReader(KafkaClientSettings kafka) {
        this.kafka = kafka;
    }

    /**
     * What the partition's records since {@code since} say about these chats: each chat's highest seq, the
     * turns that were announced (TurnQueued) and the turns that ended, and how.
     */
    public StreamTail readTail(int partition, Instant since, Set<String> chatIds) {
        Map<String, Long> highest = new HashMap<>();
        Set<UUID> announced = new HashSet<>();
        Map<UUID, String> endings = new HashMap<>();
        TopicPartition topicPartition = new TopicPartition(Topics.CHAT_EVENTS, partition);
        try (KafkaConsumer<String, Envelope> consumer = consumer()) {
            consumer.assign(List.of(topicPartition));
            long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(topicPartition, since.toEpochMilli()))
                    .get(topicPartition);
            if (start == null) {
                return new StreamTail(highest, announced, endings);
            }
            consumer.seek(topicPartition, start.offset());
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (consumer.position(topicPartition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading back " + topicPartition + " took longer than "
                            + DEADLINE);
                }
                for (ConsumerRecord<String, Envelope> record : consumer.poll(Duration.ofMillis(500))) {
                    Envelope event = record.value();
                    if (record.offset() < end && event != null && chatIds.contains(event.chatId())
                            && event.chatId().equals(record.key())) {
                        highest.merge(event.chatId(), event.seq(), Math::max);
                        if (event.turnId() != null && event.payload() instanceof TurnQueued) {
                            announced.add(event.turnId());
                        } else if (event.turnId() != null && ENDINGS.contains(event.type())) {
                            endings.put(event.turnId(), event.type());
                        }
                    }
                }
            }
        }
        return new StreamTail(highest, announced, endings);
    }

    /**
     * @param highestSeqs per chat, the highest seq published
     * @param announced   turns whose TurnQueued was published
     * @param endings     turns whose ending was published, with the ending's event type
     */
    public record StreamTail(Map<String, Long> highestSeqs, Set<UUID> announced, Map<UUID, String> endings) {
    }

    private KafkaConsumer<String, Envelope> consumer() {
        Map<String, Object> properties = kafka.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"));
        // Kafka instantiates its built-in plugins through the context class loader; in a Quarkus application
        // that loader may not be the one that sees the client's classes.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaConsumer.class.getClassLoader());
        try {
            return new KafkaConsumer<>(properties, new StringDeserializer(), new EnvelopeDeserializer());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
