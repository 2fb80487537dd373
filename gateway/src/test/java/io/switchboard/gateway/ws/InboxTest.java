package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.vertx.core.Vertx;

/**
 * The needs-attention inbox: a connection that subscribed to it hears of every turn that completes or
 * fails in a chat of its user, followed or not, and of nobody else's.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class InboxTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private RawProducer producer;
    private TestSocket dana;
    private TestSocket danaElsewhere;
    private TestSocket erin;

    @BeforeEach
    void start() {
        producer = RawProducer.create();
        dana = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-d", "dana"));
        // The same subject in another tenant is another user.
        danaElsewhere = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-e", "dana"));
        erin = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-d", "erin"));
    }

    @AfterEach
    void stop() {
        dana.close();
        danaElsewhere.close();
        erin.close();
        producer.close();
    }

    @Test
    void aUserHearsOfEveryTurnEndingInTheirChatsAndOfNoOneElses() {
        String followed = GatewayFixtures.announceChat(producer, "tenant-d", "dana", "offline");
        String unopened = GatewayFixtures.announceChat(producer, "tenant-d", "dana", "offline");
        String erins = GatewayFixtures.announceChat(producer, "tenant-d", "erin", "offline");
        String otherTenant = GatewayFixtures.announceChat(producer, "tenant-e", "dana", "offline");
        SocketFixtures.subscribeWhenKnown(dana, followed, 0L);
        SocketFixtures.awaitKnown(dana, unopened);
        SocketFixtures.awaitKnown(erin, erins);
        SocketFixtures.awaitKnown(danaElsewhere, otherTenant);
        for (TestSocket socket : List.of(dana, danaElsewhere, erin)) {
            assertThat(socket.request("{\"type\":\"subscribe_inbox\"}", "inbox_subscribed").path("type").asText())
                    .isEqualTo("inbox_subscribed");
        }

        UUID completed = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID erinsTurn = UUID.randomUUID();
        UUID elsewhereTurn = UUID.randomUUID();
        runTurn(followed, "tenant-d", "dana", 1, completed);
        endTurn(unopened, "tenant-d", 1, failed, new TurnFailed("model_error", "The model failed"));
        endTurn(unopened, "tenant-d", 2, cancelled, new TurnCancelled(TurnCancelled.STOPPED));
        runTurn(erins, "tenant-d", "erin", 1, erinsTurn);
        runTurn(otherTenant, "tenant-e", "dana", 1, elsewhereTurn);

        JsonNode erinsAttention = erin.awaitFrameOfType("attention");
        assertThat(erinsAttention.path("chatId").asText()).isEqualTo(erins);
        JsonNode elsewhere = danaElsewhere.awaitFrameOfType("attention");
        assertThat(elsewhere.path("chatId").asText()).isEqualTo(otherTenant);
        assertThat(elsewhere.path("turnId").asText()).isEqualTo(elsewhereTurn.toString());
        await().atMost(TestSocket.TIMEOUT).until(() -> dana.framesOfType("attention").size() >= 2);
        // Anything queued for dana by the events above arrives before this pong.
        dana.drain();

        List<JsonNode> attention = dana.framesOfType("attention");
        assertThat(attention).hasSize(2);
        assertThat(attention).extracting(frame -> frame.path("chatId").asText()).containsExactlyInAnyOrder(followed, unopened);
        JsonNode done = attention.stream().filter(frame -> frame.path("chatId").asText().equals(followed)).findFirst()
                .orElseThrow();
        assertThat(done.path("kind").asText()).isEqualTo("completed");
        assertThat(done.path("turnId").asText()).isEqualTo(completed.toString());
        assertThat(done.path("at").asText()).isNotBlank();
        JsonNode broken = attention.stream().filter(frame -> frame.path("chatId").asText().equals(unopened)).findFirst()
                .orElseThrow();
        assertThat(broken.path("kind").asText()).isEqualTo("failed");
        assertThat(broken.path("turnId").asText()).isEqualTo(failed.toString());
        assertThat(broken.path("reason").asText()).isEqualTo("model_error");
        erin.drain();
        assertThat(erin.framesOfType("attention")).hasSize(1);
        danaElsewhere.drain();
        assertThat(danaElsewhere.framesOfType("attention")).hasSize(1);
    }

    @Test
    void afterUnsubscribingTheInboxIsQuiet() {
        String chat = GatewayFixtures.announceChat(producer, "tenant-d", "dana", "offline");
        SocketFixtures.awaitKnown(dana, chat);
        dana.request("{\"type\":\"subscribe_inbox\"}", "inbox_subscribed");
        runTurn(chat, "tenant-d", "dana", 1, UUID.randomUUID());
        dana.awaitFrameOfType("attention");

        dana.request("{\"type\":\"unsubscribe_inbox\"}", "inbox_unsubscribed");
        erin.request("{\"type\":\"subscribe_inbox\"}", "inbox_subscribed");
        String erins = GatewayFixtures.announceChat(producer, "tenant-d", "erin", "offline");
        SocketFixtures.awaitKnown(erin, erins);
        runTurn(chat, "tenant-d", "dana", 4, UUID.randomUUID());
        runTurn(erins, "tenant-d", "erin", 1, UUID.randomUUID());
        erin.awaitFrameOfType("attention");
        dana.drain();

        assertThat(dana.framesOfType("attention")).hasSize(1);
    }

    @Test
    void aCreatorRemovedFromTheProjectHearsNoMoreOfItsChats() {
        UUID projectId = UUID.randomUUID();
        String chat = GatewayFixtures.announceChat(producer, "tenant-d", "dana", projectId, "offline");
        SocketFixtures.awaitKnown(dana, chat);
        dana.request("{\"type\":\"subscribe_inbox\"}", "inbox_subscribed");
        runTurn(chat, "tenant-d", "dana", 1, UUID.randomUUID());
        dana.awaitFrameOfType("attention");

        GatewayFixtures.announceMember(producer, "tenant-d", projectId, 2, "dana", null, Instant.now());
        await().atMost(TestSocket.TIMEOUT).until(() -> "not_found".equals(dana.request(
                "{\"type\":\"subscribe\",\"chatId\":\"" + chat + "\"}", "subscribed").path("code").asText()));
        erin.request("{\"type\":\"subscribe_inbox\"}", "inbox_subscribed");
        String erins = GatewayFixtures.announceChat(producer, "tenant-d", "erin", "offline");
        SocketFixtures.awaitKnown(erin, erins);
        runTurn(chat, "tenant-d", "dana", 4, UUID.randomUUID());
        runTurn(erins, "tenant-d", "erin", 1, UUID.randomUUID());
        erin.awaitFrameOfType("attention");
        dana.drain();

        assertThat(dana.framesOfType("attention")).hasSize(1);
    }

    private void runTurn(String chatId, String tenant, String user, long firstSeq, UUID turn) {
        SocketFixtures.publishChatEvent(producer, chatId, tenant, firstSeq, turn,
                new TurnQueued("m-" + turn, user, "question", "offline", 0));
        SocketFixtures.publishChatEvent(producer, chatId, tenant, firstSeq + 1, turn, new TurnStarted("offline"));
        SocketFixtures.publishChatEvent(producer, chatId, tenant, firstSeq + 2, turn,
                new TurnCompleted("answer", new TokenUsage(1, 1)));
    }

    private void endTurn(String chatId, String tenant, long seq, UUID turn, EventPayload end) {
        SocketFixtures.publishChatEvent(producer, chatId, tenant, seq, turn, end);
    }
}
