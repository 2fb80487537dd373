package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

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
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ChatSocketTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    MeterRegistry registry;

    private RawProducer producer;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private WebSocketClientConnection socket;

    @BeforeEach
    void open() {
        producer = RawProducer.create();
        socket = connect(TestTokens.bearer("tenant-a", "alice"), frames);
    }

    @AfterEach
    void close() {
        socket.closeAndAwait();
        producer.close();
    }

    @Test
    void deliversOnlyTheSubscribedChatsEventsInSeqOrder() {
        String mine = GatewayFixtures.announceChat(producer, "tenant-a", "offline");
        String other = GatewayFixtures.announceChat(producer, "tenant-a", "offline");
        subscribe(mine, null);

        UUID turn = UUID.randomUUID();
        for (int seq = 1; seq <= 5; seq++) {
            GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(mine, "tenant-a", seq, turn, new TextDelta("m" + seq + " ")));
            GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(other, "tenant-a", seq, turn, new TextDelta("o" + seq + " ")));
        }

        await().atMost(TIMEOUT).until(() -> events(mine).size() == 5);
        assertThat(events(mine)).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events(other)).isEmpty();
    }

    @Test
    void aResubscribingClientGetsExactlyTheEventsAfterItsSeq() {
        String chat = GatewayFixtures.announceChat(producer, "tenant-a", "offline");
        subscribe(chat, null);
        UUID turn = UUID.randomUUID();
        for (int seq = 1; seq <= 4; seq++) {
            GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(chat, "tenant-a", seq, turn, new TextDelta("w" + seq)));
        }
        await().atMost(TIMEOUT).until(() -> events(chat).size() == 4);

        List<JsonNode> second = new CopyOnWriteArrayList<>();
        WebSocketClientConnection reconnected = connect(TestTokens.bearer("tenant-a", "alice"), second);
        try {
            reconnected.sendTextAndAwait("{\"type\":\"subscribe\",\"chatId\":\"" + chat + "\",\"afterSeq\":2}");
            GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(chat, "tenant-a", 5, turn, new TextDelta("w5")));
            await().atMost(TIMEOUT).until(() -> eventsIn(second, chat).size() == 3);
            assertThat(eventsIn(second, chat)).extracting(e -> e.path("seq").asLong()).containsExactly(3L, 4L, 5L);
            assertThat(second).noneMatch(frame -> frame.path("type").asText().equals("resync"));
        } finally {
            reconnected.closeAndAwait();
        }
    }

    @Test
    void aHoleInTheStreamIsAnnouncedWithAResyncFrame() {
        String chat = GatewayFixtures.announceChat(producer, "tenant-a", "offline");
        subscribe(chat, 0L);
        UUID turn = UUID.randomUUID();

        GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                GatewayFixtures.chatEvent(chat, "tenant-a", 7, turn, new TextDelta("late")));

        await().atMost(TIMEOUT).until(() -> frames.stream().anyMatch(f -> f.path("type").asText().equals("resync")));
        JsonNode resync = frames.stream().filter(f -> f.path("type").asText().equals("resync")).findFirst().orElseThrow();
        assertThat(resync.path("chatId").asText()).isEqualTo(chat);
        assertThat(resync.path("lastDeliveredSeq").asLong()).isZero();
        assertThat(resync.path("nextSeq").asLong()).isEqualTo(7);
    }

    @Test
    void recordsFailingTheChatIdGuardAreCountedAndNeverDelivered() {
        String chat = GatewayFixtures.announceChat(producer, "tenant-a", "offline");
        subscribe(chat, 0L);
        double before = rejected();
        Envelope forged = GatewayFixtures.chatEvent(chat, "tenant-a", 1, UUID.randomUUID(), new TextDelta("forged"));

        producer.send(Topics.CHAT_EVENTS, UUID.randomUUID().toString(), EventJson.toBytes(forged));
        producer.send(Topics.CHAT_EVENTS, chat, "{\"not\":\"an event\"}");
        producer.send(Topics.CHAT_EVENTS, chat, EventJson.toBytes(GatewayFixtures.chatEvent(null, "tenant-a", 1,
                UUID.randomUUID(), new TextDelta("no chat id"))));
        GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                GatewayFixtures.chatEvent(chat, "tenant-a", 1, UUID.randomUUID(), new TextDelta("genuine")));

        await().atMost(TIMEOUT).until(() -> rejected() >= before + 3 && events(chat).size() == 1);
        assertThat(events(chat)).extracting(e -> e.at("/payload/text").asText()).containsExactly("genuine");
    }

    @Test
    void badFramesAndForeignChatsGetErrorFrames() {
        String foreign = GatewayFixtures.announceChat(producer, "tenant-b", "offline");
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            frames.clear();
            socket.sendTextAndAwait("{\"type\":\"subscribe\",\"chatId\":\"" + foreign + "\"}");
            await().atMost(TIMEOUT).until(() -> !frames.isEmpty());
            return frames.get(0).path("code").asText().equals("not_found");
        });
        assertThat(frames.get(0).toString()).doesNotContain("tenant-b");

        assertErrorCode("{not json", "malformed_json");
        assertErrorCode("{\"type\":\"dance\"}", "unknown_type");
        assertErrorCode("{\"type\":\"subscribe\"}", "missing_field");
        assertErrorCode("{\"type\":\"subscribe\",\"chatId\":\"chat-1\"}", "invalid_chat_id");
        assertErrorCode("{\"type\":\"subscribe\",\"chatId\":\"" + foreign + "\",\"afterSeq\":-1}", "invalid_field");
        assertErrorCode("{\"type\":\"unsubscribe\",\"chatId\":\"" + foreign + "\"}", "not_subscribed");
    }

    private void assertErrorCode(String frame, String code) {
        frames.clear();
        socket.sendTextAndAwait(frame);
        await().atMost(TIMEOUT).until(() -> !frames.isEmpty());
        assertThat(frames.get(0).path("type").asText()).isEqualTo("error");
        assertThat(frames.get(0).path("code").asText()).isEqualTo(code);
    }

    private void subscribe(String chatId, Long afterSeq) {
        String after = afterSeq == null ? "" : ",\"afterSeq\":" + afterSeq;
        // The gateway learns the chat from session.lifecycle; until then the chat is unknown to it.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            socket.sendTextAndAwait("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\"" + after + "}");
            await().atMost(TIMEOUT).until(() -> frames.stream().anyMatch(f -> chatId.equals(f.path("chatId").asText())));
            boolean subscribed = frames.stream().anyMatch(f -> f.path("type").asText().equals("subscribed")
                    && chatId.equals(f.path("chatId").asText()));
            if (!subscribed) {
                frames.clear();
            }
            return subscribed;
        });
    }

    private List<JsonNode> events(String chatId) {
        return eventsIn(frames, chatId);
    }

    private static List<JsonNode> eventsIn(List<JsonNode> frames, String chatId) {
        return frames.stream()
                .filter(f -> f.path("type").asText().equals("event") && f.path("stream").asText().equals("chat"))
                .map(f -> f.get("event"))
                .filter(e -> e.path("chatId").asText().equals(chatId))
                .toList();
    }

    private double rejected() {
        return registry.find(ChatKeyGuard.REJECTED_METRIC).tag("topic", Topics.CHAT_EVENTS).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private WebSocketClientConnection connect(String token, List<JsonNode> sink) {
        return BasicWebSocketConnector.create()
                .baseUri(base)
                .path("/ws")
                .addHeader("Authorization", "Bearer " + token)
                // The default runs callbacks on worker threads, which may reorder frames in the test's list.
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, text) -> {
                    try {
                        sink.add(EventJson.mapper().readTree(text));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .connectAndAwait();
    }
}
