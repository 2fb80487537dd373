package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.kafka.RecordCollector;

/** The gateway's proxies and broadcast against the real services: what the gateway's own JVM cannot show. */
class GatewayApiIT {

    private static Stack stack;
    private static String token;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        token = stack.token("tenant-api", "alice", Duration.ofHours(1));
    }

    @Test
    void theModelsComeFromChatServiceThroughTheGateway() {
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/models")
                .then().statusCode(200)
                .body("defaultModel", equalTo("offline"))
                .body("models.name", hasItem("offline"));
    }

    @Test
    void aChatsWorkspaceComesFromTheWorkspaceServiceWithTheCallersToken() {
        String chat = createChat(createProject("workspace"), "with a branch");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/chats/{id}/workspace", chat)
                        .then().statusCode(200)
                        .body("chatId", equalTo(chat))
                        .body("branch", equalTo(ChatBranchNames.of("with-a-branch", chat)))
                        .body("status", equalTo("READY")));
        String head = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/workspace", chat).then().extract().path("headCommit");
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/chats/{id}/workspace/branch", chat)
                .then().statusCode(200).body("headCommit", equalTo(head));

        // The branch keeps the name it was cut with: scripts and open pull requests may refer to it.
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType("application/json")
                .body("{\"title\":\"Renamed: ../../etc\"}").patch("/api/chats/{id}", chat)
                .then().statusCode(200);
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/chats/{id}/workspace", chat)
                .then().statusCode(200).body("branch", equalTo(ChatBranchNames.of("with-a-branch", chat)));

        given().baseUri(stack.gatewayUrl()).auth().oauth2(stack.token("tenant-other", "mallory", Duration.ofHours(1)))
                .get("/api/chats/{id}/workspace", chat)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pullRequestRoutesReachTheWorkspaceServiceAndPassItsProblemsOn() {
        String project = createProject("no github yet");
        String chat = createChat(project, "Wants a pull request");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> gateway().get("/api/chats/{id}/workspace", chat)
                .then().statusCode(200).body("status", equalTo("READY")));

        gateway().get("/api/projects/{id}/github", project)
                .then().statusCode(404).contentType("application/problem+json");
        gateway().contentType(ContentType.JSON).body(Map.of("repository", "not a repository", "token", "t"))
                .put("/api/projects/{id}/github", project)
                .then().statusCode(400).contentType("application/problem+json");
        gateway().get("/api/chats/{id}/pull-request", chat)
                .then().statusCode(404).contentType("application/problem+json");
        gateway().contentType(ContentType.JSON).body(Map.of("title", "Ship it"))
                .post("/api/chats/{id}/pull-request", chat)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:no-github-repository"));
        gateway().contentType(ContentType.JSON).body("{\"title\":\"\"}")
                .post("/api/chats/{id}/pull-request", chat)
                .then().statusCode(400).contentType("application/problem+json");
        gateway().contentType(ContentType.JSON).body(Map.of("closePullRequestsOnArchive", true))
                .put("/api/projects/{id}/workspace-settings", project)
                .then().statusCode(200).body("closePullRequestsOnArchive", equalTo(true))
                .body("keepBranchesOnDelete", equalTo(false));

        RequestSpecification mallory = given().baseUri(stack.gatewayUrl())
                .auth().oauth2(stack.token("tenant-other", "mallory", Duration.ofHours(1)));
        mallory.get("/api/chats/{id}/pull-request", chat).then().statusCode(404);
    }

    @Test
    void aProjectThatKeepsBranchesStillListsADeletedChatsBranch() {
        String project = createProject("keeps branches");
        String chat = createChat(project, "Short lived");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> gateway().get("/api/chats/{id}/workspace", chat)
                .then().statusCode(200).body("status", equalTo("READY")));
        gateway().get("/api/projects/{id}/workspace-settings", project)
                .then().statusCode(200).body("keepBranchesOnDelete", equalTo(false));
        gateway().contentType(ContentType.JSON).body("{\"keepBranchesOnDelete\":\"sure\"}")
                .put("/api/projects/{id}/workspace-settings", project)
                .then().statusCode(400).contentType("application/problem+json");
        gateway().contentType(ContentType.JSON).body(Map.of("keepBranchesOnDelete", true))
                .put("/api/projects/{id}/workspace-settings", project)
                .then().statusCode(200).body("keepBranchesOnDelete", equalTo(true));
        given().baseUri(stack.gatewayUrl()).auth().oauth2(stack.token("tenant-other", "mallory", Duration.ofHours(1)))
                .get("/api/projects/{id}/workspace-settings", project)
                .then().statusCode(404).contentType("application/problem+json");

        gateway().delete("/api/chats/{id}", chat).then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> gateway().get("/api/chats/{id}/workspace", chat)
                .then().statusCode(404));
        gateway().get("/api/projects/{id}/branches", project).then().statusCode(200)
                .body("branches.name", hasItem(ChatBranchNames.of("short-lived", chat)));
    }

    @Test
    void aProjectBroadcastReachesEveryChatOfTheProjectAndEachAnswers() {
        String projectId = createProject("broadcast");
        String left = createChat(projectId, "left");
        String right = createChat(projectId, "right");

        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("projectId", projectId, "text", "broadcast question"))
                .post("/api/broadcast")
                .then().statusCode(202)
                // The two chats made here and the project's default chat.
                .body("messages", hasSize(3))
                .body("messages.chatId", hasItems(left, right));

        for (String chat : new String[] {left, right}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath history = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                        .get("/api/chats/{id}/messages", chat).then().statusCode(200).extract().jsonPath();
                assertThat(history.getList("content", String.class)).hasSize(2).first()
                        .isEqualTo("broadcast question");
                assertThat(history.getList("role", String.class)).containsExactly("user", "assistant");
            });
        }
    }

    @Test
    void theHistoryPagesOneMessageAtATimeInConversationOrderEvenWithAQuestionQueuedDuringAnAnswer() {
        String chat = createChat(createProject("paging"), "paging");
        send(chat, "slow", "/rate 20\n/words 30\nfirst question");
        send(chat, "queued", "second question, queued while the first is answered");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(given().baseUri(stack.gatewayUrl())
                .auth().oauth2(token).get("/api/chats/{id}/messages", chat).then().statusCode(200).extract()
                .jsonPath().getList("role", String.class)).hasSize(4));

        List<String> contents = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 6; page++) {
            JsonPath body = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                    .queryParam("after", after).queryParam("limit", 1)
                    .get("/api/chats/{id}/messages", chat).then().statusCode(200).extract().jsonPath();
            List<String> items = body.getList("content", String.class);
            if (items.isEmpty()) {
                break;
            }
            assertThat(items).hasSize(1);
            contents.add(items.get(0));
            after = body.getString("[0].cursor");
        }
        assertThat(contents).hasSize(4);
        assertThat(contents.get(0)).isEqualTo("/rate 20\n/words 30\nfirst question");
        assertThat(contents.get(1)).startsWith("Offline answer to");
        assertThat(contents.get(2)).isEqualTo("second question, queued while the first is answered");
        assertThat(contents.get(3)).startsWith("Offline answer to");
    }

    @Test
    void aChatCreationRepeatedWithItsIdempotencyKeyGivesTheSameChat() {
        String projectId = createProject("idempotent");
        String key = "create-" + UUID.randomUUID();
        String first = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Map.of("title", "once"))
                .post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Map.of("title", "once"))
                .post("/api/projects/{id}/chats", projectId)
                .then().statusCode(200).body("id", equalTo(first));
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", "not a key").body(Map.of("title", "bad"))
                .post("/api/projects/{id}/chats", projectId)
                .then().statusCode(400).contentType("application/problem+json");
        // The project's default chat and the one created here.
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/projects/{id}/chats", projectId)
                .then().statusCode(200).body("id", hasSize(2)).body("findAll { !it.isDefault }.id", contains(first));
    }

    @Test
    void aStopNamingAnotherTurnLeavesTheRunningOneAlone() {
        String chat = createChat(createProject("stop"), "stop");
        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            send(chat, "stalled", "/stall\nwait for the stop");
            Envelope started = EventJson.fromBytes(events.awaitRecord(r -> chat.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof TurnStarted, Duration.ofSeconds(60)).value());
            String running = started.turnId().toString();

            String stale = UUID.randomUUID().toString();
            given().baseUri(stack.gatewayUrl()).auth().oauth2(token).queryParam("turnId", stale)
                    .post("/api/chats/{id}/stop", chat).then().statusCode(202).body("turnId", equalTo(stale));
            given().baseUri(stack.gatewayUrl()).auth().oauth2(token).queryParam("turnId", running)
                    .post("/api/chats/{id}/stop", chat).then().statusCode(202).body("turnId", equalTo(running));

            events.awaitRecord(r -> chat.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof TurnCancelled, Duration.ofSeconds(60));
            List<Envelope> stream = events.records().stream().filter(r -> chat.equals(r.key()))
                    .map(r -> EventJson.fromBytes(r.value())).toList();
            assertThat(stream).filteredOn(e -> e.payload() instanceof CommandRejected).singleElement()
                    .satisfies(e -> assertThat(((CommandRejected) e.payload()).reason()).isEqualTo("turn_not_running"));
            assertThat(stream).filteredOn(e -> e.payload() instanceof TurnCancelled).singleElement()
                    .satisfies(e -> assertThat(e.turnId()).hasToString(running));
        }
    }

    private static void send(String chatId, String key, String text) {
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Map.of("text", text))
                .post("/api/chats/{id}/messages", chatId).then().statusCode(202);
    }

    private static RequestSpecification gateway() {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token);
    }

    private static String createProject(String name) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/projects")
                .then().statusCode(201).extract().path("id");
    }

    private static String createChat(String projectId, String title) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", title)).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
    }
}
