package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The agent loop on the whole product: a message makes the model call tools, chat-service runs them against
 * the chat's own working directory through git-workspace-service, gives the results back to the model, and
 * commits the turn's changes on the chat's branch; the client sees every step over the WebSocket.
 */
class AgentTurnIT {

    private static final String TENANT = "tenant-agent";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Stack stack;
    private static String token;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        token = stack.token(TENANT, "alice", Duration.ofHours(1));
    }

    @Test
    void toolCallsEditTheChatsWorkspaceAndTheTurnIsCommittedOnItsBranch() {
        String projectId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "agent")).post("/api/projects").then().statusCode(201).extract().path("id");
        String chatId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "agent at work")).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), token)) {
            socket.subscribe(chatId);
            awaitEvent(socket, "workspace", chatId, "WorkspaceReady");

            String text = "Write a greeting file\n"
                    + "/tool write_file {\"path\":\"greeting.md\",\"content\":\"hello from the agent\"}\n"
                    + "/tool read_file {\"path\":\"greeting.md\"}";
            given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", "agent-1").body(Map.of("text", text))
                    .post("/api/chats/{id}/messages", chatId).then().statusCode(202);

            JsonNode completed = awaitEvent(socket, "chat", chatId, "TurnCompleted");
            assertThat(completed.at("/payload/text").asText()).contains("(after 2 tool calls)");
            List<JsonNode> chatEvents = socket.events("chat", chatId);
            assertThat(chatEvents).extracting(e -> e.path("type").asText())
                    .containsSubsequence("TurnStarted", "ToolCallStarted", "ToolCallResult", "ToolCallStarted",
                            "ToolCallResult", "TurnCompleted")
                    .doesNotContain("ToolCallFailed");
            JsonNode readResult = chatEvents.stream().filter(e -> e.path("type").asText().equals("ToolCallResult"))
                    .skip(1).findFirst().orElseThrow();
            assertThat(readResult.at("/payload/result").asText()).contains("hello from the agent");

            JsonNode committed = awaitEvent(socket, "workspace", chatId, "Committed");
            assertThat(committed.at("/payload/branch").asText())
                    .isEqualTo(ChatBranchNames.of("agent-at-work", chatId));
            assertThat(committed.at("/payload/message").asText()).startsWith("Agent turn: Write a greeting file");
        }
    }

    @Test
    void aUserSeesWhatTheAgentChangedAndGoesBackToACheckpointThroughTheGateway() {
        String projectId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "checkpoints")).post("/api/projects").then().statusCode(201).extract().path("id");
        String chatId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "undo me")).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), token)) {
            socket.subscribe(chatId);
            String start = awaitEvent(socket, "workspace", chatId, "WorkspaceReady").at("/payload/headCommit")
                    .asText();
            given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", "checkpoint-1")
                    .body(Map.of("text",
                            "Plan\n/tool write_file {\"path\":\"plan.md\",\"content\":\"step one\\n\"}"))
                    .post("/api/chats/{id}/messages", chatId).then().statusCode(202);
            JsonNode committed = awaitEvent(socket, "workspace", chatId, "Committed");
            String turnId = committed.path("turnId").asText();

            gateway().get("/api/chats/{id}/workspace/commits", chatId).then().statusCode(200)
                    .body("ahead", equalTo(1))
                    .body("commits.id", contains(committed.at("/payload/commit").asText()))
                    .body("commits[0].turnId", equalTo(turnId));
            gateway().queryParam("againstDefault", true).get("/api/chats/{id}/workspace/diff", chatId)
                    .then().statusCode(200)
                    .body("againstDefault.files.path", contains("plan.md"))
                    .body("againstDefault.patch", containsString("+step one"));
            gateway().get("/api/chats/{id}/workspace/files", chatId).then().statusCode(200)
                    .body("entries.path", contains("plan.md"));
            gateway().queryParam("path", "plan.md").get("/api/chats/{id}/workspace/file", chatId)
                    .then().statusCode(200).body("content", equalTo("step one\n"));

            gateway().contentType(ContentType.JSON).body(Map.of("commit", start))
                    .post("/api/chats/{id}/workspace/restore", chatId)
                    .then().statusCode(200).body("restored", equalTo(true)).body("restoredFrom", equalTo(start));
            JsonNode reverted = awaitEvent(socket, "workspace", chatId, "Reverted");
            assertThat(reverted.at("/payload/restoredFrom").asText()).isEqualTo(start);
            gateway().get("/api/chats/{id}/workspace/files", chatId).then().statusCode(200)
                    .body("entries", empty());
        }
        gateway().get("/api/projects/{id}/conflicts", projectId).then().statusCode(200)
                .body("chats", equalTo(2)).body("conflicts", empty());
        String other = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "other agent")).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
        await().atMost(TIMEOUT).untilAsserted(() -> gateway().get("/api/chats/{id}/workspace", other)
                .then().statusCode(200).body("status", equalTo("READY")));
        // The restore put the chat back where the other chat starts: nothing differs.
        gateway().get("/api/chats/{id}/workspace/compare/{other}", chatId, other).then().statusCode(200)
                .body("otherBranch", equalTo(ChatBranchNames.of("other-agent", other))).body("diff.files", empty());
        gateway().contentType(ContentType.JSON).body(Map.of("dryRun", true))
                .post("/api/chats/{id}/workspace/merge", chatId).then().statusCode(200)
                .body("outcome", equalTo("merged")).body("fastForward", equalTo(true)).body("dryRun", equalTo(true));
        gateway().contentType(ContentType.JSON).body(Map.of())
                .post("/api/chats/{id}/workspace/merge", other).then().statusCode(200)
                .body("outcome", equalTo("up-to-date"));
        gateway().get("/api/projects/{id}/branches", projectId).then().statusCode(200)
                .body("defaultBranch", equalTo("main"))
                .body("branches.name", hasItems("main", ChatBranchNames.of("undo-me", chatId),
                        ChatBranchNames.of("other-agent", other)));
        String stranger = stack.token("tenant-elsewhere", "mallory", Duration.ofHours(1));
        given().baseUri(stack.gatewayUrl()).auth().oauth2(stranger).get("/api/projects/{id}/conflicts", projectId)
                .then().statusCode(404);
        given().baseUri(stack.gatewayUrl()).auth().oauth2(stranger).get("/api/chats/{id}/workspace/commits", chatId)
                .then().statusCode(404);
        given().baseUri(stack.gatewayUrl()).auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(Map.of("commit", "0".repeat(40))).post("/api/chats/{id}/workspace/restore", chatId)
                .then().statusCode(404);
        gateway().contentType(ContentType.JSON).body(Map.of("commit", "HEAD"))
                .post("/api/chats/{id}/workspace/restore", chatId)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    private static RequestSpecification gateway() {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token);
    }

    private static JsonNode awaitEvent(SocketClient socket, String stream, String chatId, String type) {
        return await().atMost(TIMEOUT).until(() -> socket.events(stream, chatId).stream()
                        .filter(event -> event.path("type").asText().equals(type)).findFirst(),
                found -> found.isPresent())
                .orElseThrow();
    }
}
