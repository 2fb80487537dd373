package io.switchboard.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.EventTypeHeader;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.kit.consumer.DeadLetters;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The gateway passes over the streaming events of chats no socket of it follows, and reads them back from Kafka for
 * a subscriber that arrives later, who then sees every event exactly once, in order, as if all had been kept.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class PassedOverChatTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String TENANT = "tenant-passover";

    @TestHTTPResource("/")
    URI base;

    @Inject
    MeterRegistry registry;

    private RawProducer producer;
    private final List<WebSocketClientConnection> sockets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        producer = RawProducer.create();
    }

    @AfterEach
    void close() {
        sockets.forEach(WebSocketClientConnection::closeAndAwait);
        producer.close();
    }

    @Test
    void aLateSubscriberGetsThePassedOverEventsReadBackFromKafkaThenLiveOnes() {
        String chat = GatewayFixtures.announceChat(producer, TENANT, "pia", "offline");
        UUID turn = UUID.randomUUID();
        double passedOverBefore = passedOver();
        double readsBefore = gapReads("complete");
        publish(chat, turn, 1, 30);
        // 27 TextDeltas nobody here follows; the TurnQueued, TurnStarted and TurnCompleted around them are read.
        await().atMost(TIMEOUT).until(() -> passedOver() >= passedOverBefore + 27);

        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        subscribe(connect(frames), frames, chat, 0);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seqs(frames, chat)).as("frames: %s", frames)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList()));
        assertThat(gapReads("complete")).isEqualTo(readsBefore + 1);
        assertThat(registry.timer(KafkaGapReader.DURATION_METRIC).count()).isPositive();
        assertThat(frames).noneMatch(frame -> frame.path("type").asText().equals("resync"));

        // Followed now: nothing of this chat is passed over any more, the rest streams live.
        double followedFrom = passedOver();
        publish(chat, turn, 31, 40);
        await().atMost(TIMEOUT).until(() -> seqs(frames, chat).size() >= 40);
        assertThat(seqs(frames, chat)).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(passedOver()).isEqualTo(followedFrom);
        assertThat(frames).filteredOn(frame -> frame.path("type").asText().equals("event"))
                .last().satisfies(frame -> assertThat(frame.at("/event/type").asText()).isEqualTo("TurnCompleted"));
    }

    @Test
    void aSubscriberResumingMidTurnGetsExactlyWhatFollowsItsSeqAndTheRunningTurnInItsSnapshot() {
        String chat = GatewayFixtures.announceChat(producer, TENANT, "pia", "offline");
        UUID turn = UUID.randomUUID();
        double passedOverBefore = passedOver();
        publish(chat, turn, 1, 20, 50);
        await().atMost(TIMEOUT).until(() -> passedOver() >= passedOverBefore + 18);

        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        subscribe(connect(frames), frames, chat, 12);
        await().atMost(TIMEOUT).until(() -> seqs(frames, chat).size() >= 8);
        JsonNode subscribed = frames.stream().filter(frame -> frame.path("type").asText().equals("subscribed"))
                .findFirst().orElseThrow();
        assertThat(subscribed.at("/state/runningTurnId").asText()).isEqualTo(turn.toString());
        assertThat(subscribed.path("latestSeq").asLong()).isEqualTo(20);
        assertThat(seqs(frames, chat)).containsExactlyElementsOf(LongStream.rangeClosed(13, 20).boxed().toList());
    }

    @Test
    void aFollowedChatIsReadWhileAnUnfollowedOneBesideItIsPassedOver() {
        String followed = GatewayFixtures.announceChat(producer, TENANT, "pia", "offline");
        String unfollowed = GatewayFixtures.announceChat(producer, TENANT, "pia", "offline");
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        subscribe(connect(frames), frames, followed, 0);
        double before = passedOver();
        UUID turn = UUID.randomUUID();
        for (long seq = 1; seq <= 10; seq++) {
            GatewayFixtures.publishTyped(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(followed, TENANT, seq, turn, new TextDelta("f" + seq)));
            GatewayFixtures.publishTyped(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(unfollowed, TENANT, seq, turn, new TextDelta("u" + seq)));
        }
        await().atMost(TIMEOUT).until(() -> seqs(frames, followed).size() >= 10 && passedOver() >= before + 10);
        assertThat(seqs(frames, followed)).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(passedOver()).isEqualTo(before + 10);
        assertThat(seqs(frames, unfollowed)).isEmpty();
    }

    @Test
    void aPoisonRecordPassedOverIsDeadLetteredWhenReadBackAndTheChatsEventsAreStillReplayed() {
        try (RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.CHAT_EVENTS))) {
            String chat = GatewayFixtures.announceChat(producer, TENANT, "pia", "offline");
            UUID turn = UUID.randomUUID();
            double before = passedOver();
            publish(chat, turn, 1, 3, 6);
            RecordHeaders typed = new RecordHeaders();
            typed.add(EventTypeHeader.NAME, "TextDelta".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, null, chat,
                    "{\"type\":\"TextDelta\",\"seq\":".getBytes(StandardCharsets.UTF_8), typed));
            publish(chat, turn, 4, 6, 6);
            await().atMost(TIMEOUT).until(() -> passedOver() >= before + 4);

            List<JsonNode> frames = new CopyOnWriteArrayList<>();
            subscribe(connect(frames), frames, chat, 0);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seqs(frames, chat)).as("frames: %s", frames)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L));
            ConsumerRecord<String, byte[]> copy = deadLetters.awaitRecord(record -> chat.equals(record.key()), TIMEOUT);
            assertThat(new String(copy.headers().lastHeader(DeadLetters.CONSUMER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("gateway");
        }
    }

    private void publish(String chat, UUID turn, long from, long to) {
        publish(chat, turn, from, to, to);
    }

    private void publish(String chat, UUID turn, long from, long to, long last) {
        for (long seq = from; seq <= to; seq++) {
            GatewayFixtures.publishTyped(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(chat, TENANT, seq, turn, event(seq, last, turn)));
        }
    }

    private static EventPayload event(long seq, long last, UUID turn) {
        if (seq == 1) {
            return new TurnQueued("m-" + turn, "pia", "tell me", "offline", 0);
        }
        if (seq == 2) {
            return new TurnStarted("offline");
        }
        return seq == last ? new TurnCompleted("done", new TokenUsage(1, 1)) : new TextDelta("w" + seq + " ");
    }

    /** Subscribes once the gateway knows the chat: until it has read its ChatCreated it answers not_found. */
    private static void subscribe(WebSocketClientConnection socket, List<JsonNode> frames, String chat,
            long afterSeq) {
        AtomicInteger sent = new AtomicInteger();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (frames.stream().anyMatch(frame -> frame.path("type").asText().equals("subscribed"))) {
                return true;
            }
            if (sent.get() == frames.stream().filter(frame -> frame.path("type").asText().equals("error")).count()) {
                sent.incrementAndGet();
                socket.sendTextAndAwait("{\"type\":\"subscribe\",\"chatId\":\"" + chat + "\",\"afterSeq\":"
                        + afterSeq + "}");
            }
            return false;
        });
    }

    private WebSocketClientConnection connect(List<JsonNode> frames) {
        WebSocketClientConnection socket = BasicWebSocketConnector.create()
                .baseUri(base)
                .path("/ws")
                .addHeader("Authorization", "Bearer " + TestTokens.bearer(TENANT, "pia"))
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, text) -> frames.add(read(text)))
                .connectAndAwait();
        sockets.add(socket);
        return socket;
    }

    private static List<Long> seqs(List<JsonNode> frames, String chat) {
        return frames.stream().filter(frame -> frame.path("type").asText().equals("event"))
                .filter(frame -> frame.at("/event/chatId").asText().equals(chat))
                .map(frame -> frame.at("/event/seq").asLong()).toList();
    }

    private double passedOver() {
        return registry.counter(EventFeedConsumer.PASSED_OVER_METRIC).count();
    }

    private double gapReads(String outcome) {
        return registry.counter(KafkaGapReader.READS_METRIC, "outcome", outcome).count();
    }

    private static JsonNode read(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
