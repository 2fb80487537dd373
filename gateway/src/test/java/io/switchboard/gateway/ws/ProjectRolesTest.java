package io.switchboard.gateway.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.events.Topics;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.core.Vertx;

/**
 * The gateway's own membership check, from what session.lifecycle tells it (session-service does not run in this
 * JVM: an answer that needed it would be a 503). A viewer subscribes but may not send; a removed member finds
 * nothing; an older fact never overrides a newer one.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ProjectRolesTest {

    private static final Duration WAIT = TestSocket.TIMEOUT;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private final String tenant = "roles-" + UUID.randomUUID();
    private final String alice = TestTokens.bearer(tenant, "alice");
    private final String bob = TestTokens.bearer(tenant, "bob");

    @Test
    void aViewerSubscribesButCannotSendAnEditorCanAndARemovedMemberFindsNothing() {
        UUID projectId = UUID.randomUUID();
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS);
                TestSocket socket = TestSocket.connect(vertx, base, bob)) {
            String chatId = GatewayFixtures.announceChat(producer, tenant, "alice", projectId, "offline");
            GatewayFixtures.announceMember(producer, tenant, projectId, 2, "bob", "viewer", Instant.now());
            await().atMost(WAIT).untilAsserted(() -> send(bob, chatId, "viewer's try").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:forbidden")));
            send(alice, chatId, "owner's message").then().statusCode(202);

            JsonNode subscribed = socket.request("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\"}",
                    "subscribed");
            assertThat(subscribed.path("chatId").asText()).isEqualTo(chatId);
            JsonNode refused = socket.request("{\"type\":\"send\",\"chatId\":\"" + chatId
                    + "\",\"text\":\"over the socket\",\"clientMessageId\":\"v-1\"}", "error");
            assertThat(refused.path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.path("clientMessageId").asText()).isEqualTo("v-1");

            GatewayFixtures.announceMember(producer, tenant, projectId, 3, "bob", "editor", Instant.now());
            await().atMost(WAIT).untilAsserted(() -> send(bob, chatId, "editor's message").then().statusCode(202));

            GatewayFixtures.announceMember(producer, tenant, projectId, 4, "bob", null, Instant.now());
            // The subscription bob held ends at once, and says why.
            JsonNode ended = socket.awaitFrame(frame -> "unsubscribed".equals(frame.path("type").asText())
                    && chatId.equals(frame.path("chatId").asText()));
            assertThat(ended.path("reason").asText()).isEqualTo("access_revoked");
            await().atMost(WAIT).untilAsserted(() -> send(bob, chatId, "after leaving").then().statusCode(404)
                    .contentType("application/problem+json"));
            JsonNode gone = socket.request("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\"}", "error");
            assertThat(gone.path("code").asText()).isEqualTo("not_found");

            // Only the owner's and the editor's messages went out.
            commands.awaitRecords(record -> chatId.equals(record.key()), 2, WAIT);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(commands.records()).filteredOn(record -> chatId.equals(record.key()))
                            .extracting(record -> EventJson.fromBytes(record.value())
                                    .payloadAs(SendMessage.class).text())
                            .containsExactly("owner's message", "editor's message"));
        }
    }

    @Test
    void anOlderMembershipFactArrivingLateChangesNothing() {
        UUID projectId = UUID.randomUUID();
        try (RawProducer producer = RawProducer.create()) {
            String chatId = GatewayFixtures.announceChat(producer, tenant, "alice", projectId, "offline");
            Instant removedAt = Instant.now();
            GatewayFixtures.announceMember(producer, tenant, projectId, 3, "bob", null, removedAt);
            await().atMost(WAIT).untilAsserted(() -> send(alice, chatId, "known").then().statusCode(202));
            await().atMost(WAIT).untilAsserted(() -> send(bob, chatId, "removed").then().statusCode(404));

            // A grant from before the removal, delivered after it.
            GatewayFixtures.announceMember(producer, tenant, projectId, 2, "bob", "editor",
                    removedAt.minusSeconds(60));
            // On the same partition behind it: once carol may send, the late grant has been read too.
            GatewayFixtures.announceMember(producer, tenant, projectId, 4, "carol", "editor", Instant.now());
            String carol = TestTokens.bearer(tenant, "carol");
            await().atMost(WAIT).untilAsserted(() -> send(carol, chatId, "after both").then().statusCode(202));

            send(bob, chatId, "still removed").then().statusCode(404).contentType("application/problem+json");
        }
    }

    private static Response send(String token, String chatId, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"text\":\"" + text + "\"}")
                .post("/api/chats/{id}/messages", chatId);
    }
}
