package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.vertx.core.Vertx;

/**
 * A client that drops and reconnects with its last seq gets exactly what it missed and then the live
 * events, even while the turn keeps streaming; the subscribed frame tells whether the chat is busy and
 * what waits in its queue.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SocketResumeTest {

    private static final String TENANT = "tenant-r";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private RawProducer producer;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        producer = RawProducer.create();
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::close);
        producer.close();
    }

    @Test
    void aClientDroppedMidTurnResumesWithExactlyTheEventsItMissedThenLiveOnes() {
        String chatId = GatewayFixtures.announceChat(producer, TENANT, "rita", "offline");
        TestSocket first = open("rita");
        SocketFixtures.subscribeWhenKnown(first, chatId, 0L);
        UUID turn = UUID.randomUUID();
        int total = 300;
        CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
            for (long seq = 1; seq <= total; seq++) {
                SocketFixtures.publishChatEvent(producer, chatId, TENANT, seq, turn, event(seq, total, turn));
            }
        });

        await().atMost(TestSocket.TIMEOUT).until(() -> first.chatSeqs(chatId).size() >= 40);
        first.raw().close();
        first.awaitClose(TestSocket.TIMEOUT);
        List<Long> before = first.chatSeqs(chatId);
        long lastSeq = before.get(before.size() - 1);
        TestSocket second = open("rita");
        JsonNode subscribed = second.request("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":"
                + lastSeq + "}", "subscribed");
        streaming.join();

        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        assertThat(lastSeq).as("dropped mid-turn").isLessThan(total);
        assertThat(before).containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
        await().atMost(TestSocket.TIMEOUT).until(() -> second.chatSeqs(chatId).size() == total - lastSeq);
        second.drain();
        assertThat(second.chatSeqs(chatId))
                .containsExactlyElementsOf(LongStream.rangeClosed(lastSeq + 1, total).boxed().toList());
        assertThat(second.framesOfType("resync")).isEmpty();
    }

    @Test
    void theSubscribedFrameCarriesTheRunningTurnAndTheQueueInOrder() {
        String chatId = GatewayFixtures.announceChat(producer, TENANT, "quinn", "offline");
        TestSocket socket = open("quinn");
        SocketFixtures.subscribeWhenKnown(socket, chatId, 0L);
        UUID running = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();
        publish(chatId, 1, running, new TurnQueued("c1", "quinn", "first", "offline", 0));
        publish(chatId, 2, running, new TurnStarted("offline"));
        publish(chatId, 3, second, new TurnQueued("c2", "quinn", "second", "offline", 1));
        publish(chatId, 4, third, new TurnQueued("c3", "quinn", "third", "offline", 2));
        publish(chatId, 5, second, new QueuedTurnEdited("second, reworded"));
        publish(chatId, 6, urgent, new TurnQueued("c4", "quinn", "urgent", "offline", 0));
        await().atMost(TestSocket.TIMEOUT).until(() -> socket.chatSeqs(chatId).size() == 6);

        JsonNode state = resubscribe(socket, chatId).path("state");
        assertThat(state.path("busy").asBoolean()).isTrue();
        assertThat(state.path("runningTurnId").asText()).isEqualTo(running.toString());
        assertThat(queue(state)).containsExactly(
                urgent + "|urgent|1", second + "|second, reworded|2", third + "|third|3");

        publish(chatId, 7, running, new TurnCancelled(TurnCancelled.SUPERSEDED));
        publish(chatId, 8, urgent, new TurnStarted("offline"));
        publish(chatId, 9, third, new TurnCancelled(TurnCancelled.CANCELLED));
        await().atMost(TestSocket.TIMEOUT).until(() -> socket.chatSeqs(chatId).size() == 9);
        state = resubscribe(socket, chatId).path("state");
        assertThat(state.path("runningTurnId").asText()).isEqualTo(urgent.toString());
        assertThat(queue(state)).containsExactly(second + "|second, reworded|1");

        publish(chatId, 10, urgent, new TurnCompleted("done", new TokenUsage(1, 1)));
        await().atMost(TestSocket.TIMEOUT).until(() -> socket.chatSeqs(chatId).size() == 10);
        state = resubscribe(socket, chatId).path("state");
        assertThat(state.path("busy").asBoolean()).isFalse();
        assertThat(state.path("runningTurnId").isNull()).isTrue();
        assertThat(queue(state)).containsExactly(second + "|second, reworded|0");
    }

    /** Subscribes again from the current end; the frame's latestSeq is the point its state describes. */
    private static JsonNode resubscribe(TestSocket socket, String chatId) {
        JsonNode subscribed = socket.request("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\"}", "subscribed");
        assertThat(subscribed.path("latestSeq").asLong()).isEqualTo(socket.chatSeqs(chatId).size());
        return subscribed;
    }

    private static List<String> queue(JsonNode state) {
        List<String> turns = new ArrayList<>();
        state.path("queue").forEach(turn -> turns.add(turn.path("turnId").asText() + "|" + turn.path("text").asText()
                + "|" + turn.path("position").asInt()));
        return turns;
    }

    private void publish(String chatId, long seq, UUID turn, EventPayload payload) {
        SocketFixtures.publishChatEvent(producer, chatId, TENANT, seq, turn, payload);
    }

    private static EventPayload event(long seq, int total, UUID turn) {
        if (seq == 1) {
            return new TurnQueued("m-" + turn, "rita", "tell me", "offline", 0);
        }
        if (seq == 2) {
            return new TurnStarted("offline");
        }
        if (seq == total) {
            return new TurnCompleted("all of it", new TokenUsage(3, 300));
        }
        return new TextDelta("word" + seq + " ");
    }

    private TestSocket open(String user) {
        TestSocket socket = TestSocket.connect(vertx, base, TestTokens.bearer(TENANT, user));
        sockets.add(socket);
        return socket;
    }
}
