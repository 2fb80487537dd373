package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The live sidebar through the gateway against the real services: one {@code subscribe_project} gives a snapshot of
 * the project's chats, then a summary whenever one of them changes as its user sees it (title, status, busy,
 * unread), a removal when one is deleted, and an end when the user leaves the project.
 */
class ProjectSidebarIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Stack stack;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        String tenant = "tenant-sidebar-" + UUID.randomUUID();
        alice = stack.token(tenant, "alice", Duration.ofHours(1));
        bob = stack.token(tenant, "bob", Duration.ofHours(1));
    }

    @Test
    void aSidebarFollowsEveryChatOfItsProjectAsItsUserSeesIt() {
        String projectId = as(alice).contentType(ContentType.JSON).body(Map.of("name", "sidebar"))
                .post("/api/projects").then().statusCode(201).extract().path("id");
        String first = createChat(projectId, "first");
        as(alice).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .put("/api/projects/{id}/members/bob", projectId).then().statusCode(200);

        try (SocketClient aliceSocket = SocketClient.connect(stack.gatewayWebSocketUrl(), alice);
                SocketClient bobSocket = SocketClient.connect(stack.gatewayWebSocketUrl(), bob)) {
            JsonNode snapshot = subscribe(aliceSocket, projectId);
            assertThat(snapshot.path("truncated").asBoolean()).isFalse();
            List<String> titles = snapshot.path("chats").findValuesAsText("title");
            assertThat(titles).containsExactly("first", "Main conversation");
            subscribe(bobSocket, projectId);

            as(alice).contentType(ContentType.JSON).body(Map.of("text", "/words 3\nhello"))
                    .post("/api/chats/{id}/messages", first).then().statusCode(202);
            awaitSummary(aliceSocket, first, chat -> chat.path("busy").asBoolean());
            awaitSummary(aliceSocket, first, chat -> chat.path("messageCount").asLong() == 2
                    && !chat.path("busy").asBoolean() && chat.path("unread").asLong() == 2);
            awaitSummary(bobSocket, first, chat -> chat.path("messageCount").asLong() == 2
                    && chat.path("unread").asLong() == 2);

            as(alice).contentType(ContentType.JSON).body("{}").post("/api/chats/{id}/read", first)
                    .then().statusCode(200).body("unread", equalTo(0));
            awaitSummary(aliceSocket, first, chat -> chat.path("unread").asLong() == 0);
            as(alice).contentType(ContentType.JSON).body(Map.of("title", "renamed"))
                    .patch("/api/chats/{id}", first).then().statusCode(200);
            awaitSummary(bobSocket, first, chat -> chat.path("title").asText().equals("renamed"));
            // Alice's read position is hers: Bob's sidebar still counts both messages unread.
            assertThat(latestSummary(bobSocket, first).path("unread").asLong()).isEqualTo(2);

            String second = createChat(projectId, "second");
            awaitSummary(bobSocket, second, chat -> chat.path("title").asText().equals("second")
                    && chat.path("status").asText().equals("active"));
            as(alice).post("/api/chats/{id}/archive", second).then().statusCode(200);
            awaitSummary(aliceSocket, second, chat -> chat.path("status").asText().equals("archived"));
            as(alice).delete("/api/chats/{id}", second).then().statusCode(204);
            for (SocketClient socket : List.of(aliceSocket, bobSocket)) {
                socket.awaitFrame(frame -> frame.path("type").asText().equals("chat_removed")
                        && frame.path("chatId").asText().equals(second), WAIT);
            }

            as(alice).delete("/api/projects/{id}/members/bob", projectId).then().statusCode(204);
            JsonNode ended = bobSocket.awaitFrame(frame -> frame.path("type").asText().equals("project_unsubscribed"),
                    WAIT);
            assertThat(ended.path("projectId").asText()).isEqualTo(projectId);
            assertThat(ended.path("reason").asText()).isEqualTo("access_revoked");
            bobSocket.send("{\"type\":\"subscribe_project\",\"projectId\":\"" + projectId + "\"}");
            JsonNode refused = bobSocket.awaitFrame(frame -> frame.path("type").asText().equals("error")
                    && frame.path("request").asText().equals("subscribe_project"), WAIT);
            assertThat(refused.path("code").asText()).isEqualTo("not_found");
            assertThat(refused.path("projectId").asText()).isEqualTo(projectId);
        }
    }

    @Test
    void aLargeProjectShowsItsMostRecentChatsAtOnceThenAllOfThem() {
        String projectId = as(alice).contentType(ContentType.JSON).body(Map.of("name", "large"))
                .post("/api/projects").then().statusCode(201).extract().path("id");
        int created = 205;
        ExecutorService creators = Executors.newFixedThreadPool(6);
        try {
            CompletableFuture.allOf(IntStream.rangeClosed(1, created)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> createChat(projectId, "chat " + i), creators))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            creators.shutdown();
        }

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), alice)) {
            JsonNode recent = subscribe(socket, projectId);
            JsonNode whole = socket.awaitFrame(frame -> frame.path("type").asText().equals("project_snapshot")
                    && !frame.path("partial").asBoolean(), WAIT);

            assertThat(recent.path("partial").asBoolean()).as("one list page first").isTrue();
            List<String> recentTitles = recent.path("chats").findValuesAsText("title");
            assertThat(recentTitles).hasSize(200);
            List<String> allTitles = whole.path("chats").findValuesAsText("title");
            assertThat(allTitles).hasSize(created + 1).startsWith(recentTitles.toArray(String[]::new))
                    .endsWith("Main conversation").doesNotHaveDuplicates();
            List<String> activity = whole.path("chats").findValuesAsText("lastActivityAt");
            assertThat(activity).as("most recent activity first")
                    .isSortedAccordingTo(Comparator.comparing(Instant::parse, Comparator.reverseOrder()));
            assertThat(whole.path("truncated").asBoolean()).isFalse();
        }
    }

    @Test
    void aReloadGetsTheSidebarItsLastConnectionHeldAtOnceWithTheProjectReadBehindIt() {
        String projectId = as(alice).contentType(ContentType.JSON).body(Map.of("name", "reload"))
                .post("/api/projects").then().statusCode(201).extract().path("id");
        String chat = createChat(projectId, "before the reload");
        try (SocketClient first = SocketClient.connect(stack.gatewayWebSocketUrl(), alice)) {
            JsonNode snapshot = subscribe(first, projectId);
            assertThat(snapshot.path("partial").asBoolean()).isFalse();
        }
        // Changed while no connection follows the project (ProjectSidebarTest shows the kept sidebar applies it).
        as(alice).contentType(ContentType.JSON).body(Map.of("title", "renamed while away"))
                .patch("/api/chats/{id}", chat).then().statusCode(200);
        String created = createChat(projectId, "created while away");

        try (SocketClient reloaded = SocketClient.connect(stack.gatewayWebSocketUrl(), alice)) {
            JsonNode kept = subscribe(reloaded, projectId);
            JsonNode read = reloaded.awaitFrame(frame -> frame.path("type").asText().equals("project_snapshot")
                    && !frame.path("partial").asBoolean(), WAIT);

            // A two-chat project is one list page: only a kept sidebar answers partial.
            assertThat(kept.path("partial").asBoolean()).as("answered from the kept sidebar").isTrue();
            assertThat(read.path("chats").findValuesAsText("title")).contains("Main conversation");
            // A change the kept sidebar had not applied yet when the read came (a lookup in flight, an event not
            // consumed yet) arrives as the chat's own summary right after.
            awaitTitle(reloaded, read, chat, "renamed while away");
            awaitTitle(reloaded, read, created, "created while away");
            assertThat(kept.path("chats").findValuesAsText("chatId")).as("nothing the project does not have")
                    .isSubsetOf(read.path("chats").findValuesAsText("chatId"));
        }

        // Another user gets no kept sidebar of Alice's: Bob is no member, and is told so.
        try (SocketClient bobSocket = SocketClient.connect(stack.gatewayWebSocketUrl(), bob)) {
            bobSocket.send("{\"type\":\"subscribe_project\",\"projectId\":\"" + projectId + "\"}");
            JsonNode refused = bobSocket.awaitFrame(frame -> frame.path("type").asText().equals("error")
                    || frame.path("type").asText().equals("project_snapshot"), WAIT);
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("not_found");
        }
    }

    private static JsonNode subscribe(SocketClient socket, String projectId) {
        socket.send("{\"type\":\"subscribe_project\",\"projectId\":\"" + projectId + "\"}");
        return socket.awaitFrame(frame -> frame.path("type").asText().equals("project_snapshot")
                && frame.path("projectId").asText().equals(projectId), WAIT);
    }

    private static void awaitTitle(SocketClient socket, JsonNode snapshot, String chatId, String title) {
        for (JsonNode listed : snapshot.path("chats")) {
            if (listed.path("chatId").asText().equals(chatId) && listed.path("title").asText().equals(title)) {
                return;
            }
        }
        awaitSummary(socket, chatId, summary -> summary.path("title").asText().equals(title));
    }

    private static void awaitSummary(SocketClient socket, String chatId, Predicate<JsonNode> match) {
        socket.awaitFrame(frame -> frame.path("type").asText().equals("chat_summary")
                && frame.path("chat").path("chatId").asText().equals(chatId) && match.test(frame.path("chat")), WAIT);
    }

    private static JsonNode latestSummary(SocketClient socket, String chatId) {
        List<JsonNode> summaries = socket.frames().stream()
                .filter(frame -> frame.path("type").asText().equals("chat_summary"))
                .map(frame -> frame.path("chat"))
                .filter(chat -> chat.path("chatId").asText().equals(chatId))
                .toList();
        return summaries.get(summaries.size() - 1);
    }

    private static String createChat(String projectId, String title) {
        return as(alice).contentType(ContentType.JSON).body(Map.of("title", title))
                .post("/api/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token);
    }
}
