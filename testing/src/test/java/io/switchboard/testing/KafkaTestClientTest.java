package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

class KafkaTestClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @BeforeAll
    static void startInfrastructure() {
        TestInfrastructure.ensureStarted();
    }

    @Test
    void collectsWhatIsProducedAfterItStarted() {
        String chatId = "chat-" + UUID.randomUUID();
        try (RecordCollector collector = RecordCollector.fromEnd(Topics.CHAT_COMMANDS);
                RawProducer producer = RawProducer.create()) {
            producer.send(Topics.CHAT_COMMANDS, chatId, "{not json");
            producer.send(Topics.CHAT_COMMANDS, null, new byte[] {0, 1, 2});
            ProducerRecord<String, byte[]> withHeader = new ProducerRecord<>(Topics.CHAT_COMMANDS, chatId, "second".getBytes(StandardCharsets.UTF_8));
            withHeader.headers().add("kind", "probe".getBytes(StandardCharsets.UTF_8));
            producer.send(withHeader);

            assertThat(collector.awaitRecords(record -> chatId.equals(record.key()), 2, TIMEOUT))
                    .extracting(RecordCollector::text)
                    .containsExactly("{not json", "second");
            ConsumerRecord<String, byte[]> unkeyed = collector.awaitRecord(record -> record.key() == null, TIMEOUT);
            assertThat(unkeyed.value()).containsExactly(0, 1, 2);
        }
    }

    @Test
    void collectsEarlierRecordsFromTheBeginning() {
        String chatId = "chat-" + UUID.randomUUID();
        RecordMetadata sent;
        try (RawProducer producer = RawProducer.create()) {
            sent = producer.send(Topics.WORKSPACE_EVENTS, chatId, "earlier");
        }

        try (RecordCollector collector = RecordCollector.fromBeginning(Topics.WORKSPACE_EVENTS)) {
            ConsumerRecord<String, byte[]> record = collector.awaitRecord(r -> chatId.equals(r.key()), TIMEOUT);

            assertThat(record.partition()).isEqualTo(sent.partition());
            assertThat(RecordCollector.text(record)).isEqualTo("earlier");
        }
    }

    @Test
    void failsClearlyWhenNothingMatches() {
        try (RecordCollector collector = RecordCollector.fromEnd(Topics.CHAT_EVENTS)) {
            assertThatThrownBy(() -> collector.awaitRecord(record -> false, Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected 1 matching record(s) on " + Topics.CHAT_EVENTS);
        }
    }

    @Test
    void refusesATopicThatDoesNotExist() {
        assertThatThrownBy(() -> RecordCollector.fromEnd("no.such.topic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no.such.topic");
    }
}
