package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.workspace.WorkspaceRemoved;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The chat lifecycle through the gateway against the real services: session-service changes the chat and
 * announces it, chat-service cancels an archived chat's turns, git-workspace-service removes a deleted chat's
 * branch and branches a fork whose model continues the source's conversation, and another tenant can do none of
 * it.
 */
class ChatLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Stack stack;
    private static String token;
    private static String mallory;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        token = stack.token("tenant-lifecycle", "alice", Duration.ofHours(1));
        mallory = stack.token("tenant-elsewhere", "mallory", Duration.ofHours(1));
    }

    @Test
    void archivingCancelsTheChatsTurnsAndRestoringLetsItAnswerAgain() {
        String projectId = createProject("archive");
        String chat = createChat(projectId, "to archive");
        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            send(chat, "stalled", "/stall\nnever answered");
            send(chat, "queued", "waits behind the stalled one");
            // The archive reaches chat-service on another topic than the messages: sent before chat-service has
            // both turns, it would cancel one and reject the other, and the test would not see both cancelled.
            events.awaitRecords(r -> chat.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof TurnQueued, 2, WAIT);

            as(token).post("/api/chats/{id}/archive", chat).then().statusCode(200).body("status", equalTo("archived"));

            List<Envelope> cancelled = events.awaitRecords(r -> chat.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof TurnCancelled, 2, WAIT).stream()
                    .map(r -> EventJson.fromBytes(r.value())).toList();
            assertThat(cancelled).extracting(e -> ((TurnCancelled) e.payload()).reason())
                    .containsOnly(TurnCancelled.CHAT_ARCHIVED);
            send(chat, "while-archived", "refused");
            events.awaitRecord(r -> chat.equals(r.key()) && EventJson.fromBytes(r.value()).payload()
                    instanceof CommandRejected rejected && rejected.reason().equals(TurnCancelled.CHAT_ARCHIVED), WAIT);

            as(token).post("/api/chats/{id}/restore", chat).then().statusCode(200).body("status", equalTo("active"));
            // chat-service applies ChatRestored from its own topic: a message sent at once may still meet the
            // archived chat, so the test sends until one is answered.
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
                send(chat, "after-restore-" + System.nanoTime(), "/words 3\nanswered again");
                return events.records().stream().filter(r -> chat.equals(r.key()))
                        .anyMatch(r -> EventJson.fromBytes(r.value()).payload() instanceof TurnCompleted);
            });
        }
        await().atMost(WAIT).untilAsserted(() -> as(token).get("/api/chats/{id}", chat)
                .then().statusCode(200).body("busy", equalTo(false)));
        as(token).get("/api/projects/{id}/chats?status=active", projectId)
                .then().statusCode(200).body("title", hasSize(2));
    }

    @Test
    void deletingAChatRemovesItsBranchAndAForkGetsItsOwnFromTheSource() {
        String projectId = createProject("delete and fork");
        String chat = createChat(projectId, "source");
        awaitWorkspaceReady(chat);
        send(chat, "one", "/words 3\nfirst question");
        String messageId = await().atMost(WAIT).until(() -> as(token).get("/api/chats/{id}/messages", chat)
                .then().extract().<String>path("[1].id"), id -> id != null);

        String fork = as(token).contentType(ContentType.JSON).body(Map.of("messageId", messageId))
                .post("/api/chats/{id}/fork", chat).then().statusCode(201).extract().path("id");
        as(token).get("/api/chats/{id}/messages", fork).then().statusCode(200).body("$", hasSize(2));
        awaitWorkspaceReady(fork);
        // The fork's model continues the source's conversation up to the forked message. ChatForked and the
        // message travel on different topics: the test asks again until chat-service has applied the fork.
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            send(fork, "recall-" + System.nanoTime(), "/recall");
            List<String> contents = as(token).get("/api/chats/{id}/messages", fork).then().extract().path("content");
            return contents.stream().anyMatch(content -> content.startsWith("I recall: \"first question\""));
        });

        try (RecordCollector workspace = RecordCollector.start(stack.infra().bootstrapServers(),
                Topics.WORKSPACE_EVENTS, false)) {
            as(token).delete("/api/chats/{id}", chat).then().statusCode(204);
            workspace.awaitRecord(r -> chat.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof WorkspaceRemoved, WAIT);
        }
        as(token).get("/api/chats/{id}", chat).then().statusCode(404);
        as(token).get("/api/chats/{id}", fork).then().statusCode(200).body("title", equalTo("source (fork)"));
    }

    @Test
    void anotherTenantCanNeitherSeeNorChangeAChat() {
        String projectId = createProject("private");
        String chat = createChat(projectId, "private");
        as(token).contentType(ContentType.JSON).body("{\"title\":\"renamed\",\"pinned\":true}")
                .patch("/api/chats/{id}", chat).then().statusCode(200).body("title", equalTo("renamed"));

        as(mallory).contentType(ContentType.JSON).body("{\"title\":\"mine\"}").patch("/api/chats/{id}", chat)
                .then().statusCode(404).contentType("application/problem+json");
        for (String action : List.of("archive", "restore", "complete", "duplicate")) {
            as(mallory).post("/api/chats/{id}/" + action, chat).then().statusCode(404);
        }
        as(mallory).delete("/api/chats/{id}", chat).then().statusCode(404);
        as(mallory).contentType(ContentType.JSON).body("{}").post("/api/chats/{id}/read", chat).then().statusCode(404);
        as(mallory).get("/api/projects/{id}/chats", projectId).then().statusCode(404);
        as(mallory).queryParam("q", "renamed").get("/api/chats/search").then().statusCode(200).body("$", hasSize(0));

        as(token).get("/api/chats/{id}", chat).then().statusCode(200)
                .body("title", equalTo("renamed")).body("pinned", equalTo(true)).body("status", equalTo("active"));
        as(token).queryParam("q", "renamed").queryParam("projectId", projectId).get("/api/chats/search")
                .then().statusCode(200).body("chat.id", equalTo(List.of(chat)));
    }

    private static void awaitWorkspaceReady(String chat) {
        await().atMost(WAIT).untilAsserted(() -> as(token).get("/api/chats/{id}/workspace", chat)
                .then().statusCode(200).body("status", equalTo("READY")));
    }

    private static RequestSpecification as(String bearer) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(bearer);
    }

    private static void send(String chatId, String key, String text) {
        as(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("text", text))
                .post("/api/chats/{id}/messages", chatId).then().statusCode(202);
    }

    private static String createProject(String name) {
        return as(token).contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/projects")
                .then().statusCode(201).extract().path("id");
    }

    private static String createChat(String projectId, String title) {
        return as(token).contentType(ContentType.JSON).body(Map.of("title", title))
                .post("/api/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
    }
}
