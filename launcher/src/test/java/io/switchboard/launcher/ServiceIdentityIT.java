package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;

/**
 * chat-service's identity towards git-workspace-service: short-lived tokens it gets itself by client credentials
 * from the launcher's token endpoint and renews before they run out, with no tool call failing on the way; and
 * such a token opens nothing but git-workspace-service.
 */
class ServiceIdentityIT {

    private static final String TENANT = "tenant-identity";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long before expiry chat-service renews its token (quarkus.oidc-client.refresh-token-time-skew). */
    private static final Duration RENEWAL_MARGIN = Duration.ofSeconds(30);

    private static Stack stack;
    private static String userToken;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        userToken = stack.token(TENANT, "alice", Duration.ofHours(1));
    }

    @Test
    void chatServiceRenewsItsTokenBeforeItRunsOutAndNoToolCallFails() {
        String projectId = given().baseUri(stack.gatewayUrl()).auth().oauth2(userToken).contentType(ContentType.JSON)
                .body(Map.of("name", "identity")).post("/api/projects").then().statusCode(201).extract().path("id");
        String chatId = given().baseUri(stack.gatewayUrl()).auth().oauth2(userToken).contentType(ContentType.JSON)
                .body(Map.of("title", "renewals")).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), userToken)) {
            socket.subscribe(chatId);
            awaitEvent(socket, "workspace", chatId, 1, "WorkspaceReady");
            for (int turn = 1; turn <= 2; turn++) {
                // Counted before the wait: once the token is within its renewal margin, any call of chat-service's
                // may renew it, this turn's or one still running on the shared stack (a count taken after the wait
                // already included such a renewal, and this turn then needed none).
                long issuedBefore = stack.serviceTokens().issued();
                // Whatever token chat-service holds is now within its renewal margin, so it must get another.
                awaitRenewalDue();
                String text = "Turn " + turn + "\n"
                        + "/tool write_file {\"path\":\"notes/" + turn + ".md\",\"content\":\"turn " + turn + "\"}\n"
                        + "/tool read_file {\"path\":\"notes/" + turn + ".md\"}";
                given().baseUri(stack.gatewayUrl()).auth().oauth2(userToken).contentType(ContentType.JSON)
                        .header("Idempotency-Key", "identity-" + turn).body(Map.of("text", text))
                        .post("/api/chats/{id}/messages", chatId).then().statusCode(202);

                JsonNode completed = awaitEvent(socket, "chat", chatId, turn, "TurnCompleted");
                assertThat(completed.at("/payload/text").asText()).contains("(after 2 tool calls)");
                assertThat(stack.serviceTokens().issued()).as("a new token for turn %d", turn)
                        .isGreaterThan(issuedBefore);
            }
            List<JsonNode> events = socket.events("chat", chatId);
            assertThat(events.stream().filter(e -> e.path("type").asText().equals("ToolCallFailed")))
                    .as("failed tool calls, with what the model was told").isEmpty();
            assertThat(events.stream().filter(e -> e.path("type").asText().equals("ToolCallResult"))
                    .map(e -> e.at("/payload/result").asText()))
                    .hasSize(4).anySatisfy(result -> assertThat(result).contains("turn 1"))
                    .anySatisfy(result -> assertThat(result).contains("turn 2"));
        }
    }

    @Test
    void aServiceTokenOpensNothingButTheServiceItIsFor() {
        String serviceToken = stack.serviceTokens().tokenFor(Stack.CHAT_CLIENT).orElseThrow();

        given().baseUri(stack.gatewayUrl()).auth().oauth2(serviceToken).get("/api/me")
                .then().statusCode(401);
        given().baseUri(stack.service(ServiceName.SESSION).url()).auth().oauth2(serviceToken).get("/projects")
                .then().statusCode(401);
        given().baseUri(stack.service(ServiceName.CHAT).url()).auth().oauth2(serviceToken).get("/models")
                .then().statusCode(401);
        // And a user's token is no service token: it may not act for a tenant it names.
        given().baseUri(stack.service(ServiceName.WORKSPACE).url()).auth().oauth2(userToken)
                .header("X-Switchboard-Tenant", "tenant-elsewhere").get("/workspaces/{chatId}/files", UUID.randomUUID())
                .then().statusCode(403);
    }

    private static void awaitRenewalDue() {
        await().atMost(TestStacks.SHARED_SERVICE_TOKEN_TTL.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> Instant.now().isAfter(stack.serviceTokens().lastExpiry().minus(RENEWAL_MARGIN)));
    }

    private static JsonNode awaitEvent(SocketClient socket, String stream, String chatId, int nth, String type) {
        return await().atMost(TIMEOUT).until(() -> socket.events(stream, chatId).stream()
                        .filter(event -> event.path("type").asText().equals(type)).skip(nth - 1L).findFirst(),
                found -> found.isPresent())
                .orElseThrow();
    }
}
