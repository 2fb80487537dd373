package io.switchboard.session.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.kafka.EnvelopeSerializer;
import io.switchboard.events.kafka.EventTypeHeader;
import io.switchboard.infra.Databases;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * chat.events records whose type header names a type that changes no history are passed over without their
 * value being read; every other record is read and checked as before, whatever its header says.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatEventsSkipTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] NOT_JSON = "{\"type\": \"TurnCompleted\"".getBytes(StandardCharsets.UTF_8);

    @Inject
    MeterRegistry registry;

    private final String bob = TestTokens.bearer("tenant-b", "bob");

    @Test
    void aTextDeltaIsPassedOverUnreadAndAnotherTypeIsStillChecked() {
        String bobChat = SessionApi.createChat(bob);
        int partition = SessionApi.partitionOf(bobChat);
        String skippedChat = UUID.randomUUID().toString();
        String checkedChat = UUID.randomUUID().toString();
        UUID turn = UUID.randomUUID();
        double skippedBefore = skipped();
        EnvelopeSerializer serializer = new EnvelopeSerializer();

        try (RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.CHAT_EVENTS));
                RawProducer producer = RawProducer.create()) {
            producer.send(typed(partition, skippedChat, "TextDelta", NOT_JSON));
            producer.send(typed(partition, checkedChat, "TurnQueued", NOT_JSON));
            for (Envelope event : List.of(
                    Envelope.of(bobChat, "tenant-b", 1, turn, new TurnQueued("b1", "bob", "typed?", "offline", 0)),
                    Envelope.of(bobChat, "tenant-b", 2, turn, new TurnCompleted("typed", new TokenUsage(1, 1))))) {
                RecordHeaders headers = new RecordHeaders();
                byte[] value = serializer.serialize(Topics.CHAT_EVENTS, headers, event);
                producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, partition, bobChat, value, headers));
            }

            await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(bob)
                    .get("/chats/{id}/messages", bobChat)
                    .then().statusCode(200)
                    .body("content", contains("typed?", "typed")));
            List<ConsumerRecord<String, byte[]>> copies = deadLetters.awaitRecords(
                    copy -> copy.key().equals(checkedChat), 1, TIMEOUT);
            assertThat(RecordCollector.text(copies.get(0))).isEqualTo(new String(NOT_JSON, StandardCharsets.UTF_8));
            // Both came before bob's records on the same partition: the skipped one was handled, with no copy.
            assertThat(deadLetters.records()).extracting(ConsumerRecord::key).doesNotContain(skippedChat);
        }
        assertThat(skipped()).isGreaterThanOrEqualTo(skippedBefore + 1);
    }

    private static ProducerRecord<String, byte[]> typed(int partition, String key, String type, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventTypeHeader.NAME, type.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.CHAT_EVENTS, partition, key, value, headers);
    }

    private double skipped() {
        Counter counter = registry.find(ConsumerFailurePolicy.SKIPPED_METRIC).tags("topic", Topics.CHAT_EVENTS)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
