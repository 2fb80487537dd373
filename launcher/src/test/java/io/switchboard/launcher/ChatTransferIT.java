package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * Chat files through the gateway against the real services: a chat answered by chat-service is exported by
 * session-service and passed on unchanged, the file imports into another project as a new chat with the same
 * history that chat-service then answers in, a refused file is session-service's problem handed on and leaves
 * nothing behind, another tenant can do neither, and a file far over the body limit other requests had once gets
 * through both ways.
 */
class ChatTransferIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Stack stack;
    private static String token;
    private static String mallory;
    private static ChatApi alice;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        token = stack.token("tenant-transfer", "alice", Duration.ofHours(1));
        mallory = stack.token("tenant-transfer-other", "mallory", Duration.ofHours(1));
        alice = new ChatApi(stack.gatewayUrl(), token);
    }

    @Test
    void anExportedChatImportsIntoAnotherProjectWithTheSameHistoryAndAnswersThere() {
        String source = alice.createChat(alice.createProject("transfer source"), "Tour of Ünïcödé 🚀");
        List<String> questions = List.of("/words 3\nfirst question: Ünïcödé 🚀", "/words 4\nsecond\twith a tab",
                "/words 2\nthird question\nover two lines");
        // One question at a time, each answered before the next: three whole turns in a known order.
        for (int i = 0; i < questions.size(); i++) {
            sendAndAwaitAnswer(source, questions.get(i), 2 * (i + 1));
        }
        JsonPath sourceHistory = history(source);
        assertThat(sourceHistory.<String>getList("role"))
                .containsExactly("user", "assistant", "user", "assistant", "user", "assistant");
        assertThat(sourceHistory.<String>getList("content")).filteredOn((String content) -> !content.startsWith("/"))
                .hasSize(3).allSatisfy(answer -> assertThat(answer).startsWith("Offline answer to"));

        Response export = as(token).get("/api/chats/{id}/export", source);
        export.then().statusCode(200).contentType(ContentType.JSON)
                .header("Content-Disposition", equalTo("attachment; filename=\"chat-" + source + ".json\""))
                .body("format", equalTo("switchboard-chat"))
                .body("version", equalTo(1))
                .body("exportedAt", notNullValue())
                .body("chat.title", equalTo("Tour of Ünïcödé 🚀"))
                .body("chat.model", equalTo("offline"))
                .body("chat.status", equalTo("active"))
                .body("messages.turn", equalTo(List.of(1, 1, 2, 2, 3, 3)))
                .body("messages.role", equalTo(sourceHistory.getList("role")))
                .body("messages.status", everyItem(equalTo("complete")))
                .body("messages.content", equalTo(sourceHistory.getList("content")));
        byte[] file = export.asByteArray();
        // A file carries no ids: an import gets new ones.
        assertThat(new String(file, StandardCharsets.UTF_8)).doesNotContain(source)
                .doesNotContain(sourceHistory.getString("[0].id")).doesNotContain(sourceHistory.getString("[0].turnId"));

        String target = alice.createProject("transfer target");
        Response imported = as(token).contentType(ContentType.JSON).body(file)
                .post("/api/projects/{id}/chats/import", target);
        imported.then().statusCode(201)
                .body("projectId", equalTo(target))
                .body("title", equalTo("Tour of Ünïcödé 🚀"))
                .body("model", equalTo("offline"))
                .body("status", equalTo("active"))
                .body("isDefault", equalTo(false))
                .body("ownerId", equalTo("alice"))
                .body("messageCount", equalTo(6));
        String copy = imported.path("id");
        assertThat(copy).isNotEqualTo(source);
        assertThat(imported.header("Location")).endsWith("/api/chats/" + copy);

        JsonPath copyHistory = history(copy);
        for (String field : List.of("role", "status", "content", "model", "inputTokens", "outputTokens",
                "createdAt")) {
            assertThat(copyHistory.getList(field)).as(field).isEqualTo(sourceHistory.getList(field));
        }
        assertThat(copyHistory.<String>getList("id")).doesNotContainAnyElementsOf(sourceHistory.getList("id"));
        assertThat(copyHistory.<String>getList("turnId")).doesNotContainAnyElementsOf(sourceHistory.getList("turnId"));
        // A question and its answer still share one turn.
        assertThat(copyHistory.getString("[0].turnId")).isEqualTo(copyHistory.getString("[1].turnId"))
                .isNotEqualTo(copyHistory.getString("[2].turnId"));
        as(token).get("/api/projects/{id}/chats", target).then().statusCode(200)
                .body("findAll { !it.isDefault }.id", equalTo(List.of(copy)));

        // Exported again, the imported chat gives the same chat and messages.
        as(token).get("/api/chats/{id}/export", copy).then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"chat-" + copy + ".json\""))
                .body("chat.title", equalTo("Tour of Ünïcödé 🚀"))
                .body("messages", equalTo(export.jsonPath().getList("messages")));

        // The import announced the chat: chat-service answers in it, after the imported history.
        sendAndAwaitAnswer(copy, "/words 3\na question of the copy's own", 8);
        JsonPath continued = history(copy);
        assertThat(continued.<String>getList("content").subList(0, 6)).isEqualTo(sourceHistory.getList("content"));
        assertThat(continued.getString("[6].content")).isEqualTo("/words 3\na question of the copy's own");
        assertThat(continued.getString("[7].content")).startsWith("Offline answer to");
        assertThat(history(source).<String>getList("content")).as("the source is untouched")
                .isEqualTo(sourceHistory.getList("content"));
    }

    @Test
    void aBadFileIsSessionServicesProblemNamingTheFieldAndCreatesNothing() throws JsonProcessingException {
        String source = alice.createChat(alice.createProject("bad files source"), "to spoil");
        sendAndAwaitAnswer(source, "/words 3\na question", 2);
        String file = as(token).get("/api/chats/{id}/export", source).then().statusCode(200).extract().asString();
        String target = alice.createProject("bad files target");

        try (RecordCollector lifecycle = RecordCollector.start(stack.infra().bootstrapServers(),
                Topics.SESSION_LIFECYCLE, false)) {
            ObjectNode withNul = (ObjectNode) EventJson.mapper().readTree(file);
            message(withNul, 1).put("content", "an answer with a \u0000 in it");
            refused(target, EventJson.mapper().writeValueAsString(withNul))
                    .body("detail", containsString("messages[1].content contains a NUL character"));

            ObjectNode laterVersion = (ObjectNode) EventJson.mapper().readTree(file);
            laterVersion.put("version", 2);
            refused(target, EventJson.mapper().writeValueAsString(laterVersion))
                    .body("detail", containsString("version 2 is not a version this service reads (it reads 1)"));

            ObjectNode unknownRole = (ObjectNode) EventJson.mapper().readTree(file);
            message(unknownRole, 0).put("role", "system");
            refused(target, EventJson.mapper().writeValueAsString(unknownRole))
                    .body("detail", containsString("messages[0].role"));

            // Only the project's default chat.
            as(token).get("/api/projects/{id}/chats", target).then().statusCode(200)
                    .body("$", hasSize(1)).body("[0].isDefault", equalTo(true));
            // Nor was anything announced: a chat made afterwards is the first ChatCreated of the project.
            String marker = alice.createChat(target, "marker");
            lifecycle.awaitRecord(r -> marker.equals(r.key()), WAIT);
            assertThat(lifecycle.records()).map(r -> EventJson.fromBytes(r.value()).payload())
                    .filteredOn(event -> event instanceof ChatCreated created
                            && created.projectId().toString().equals(target))
                    .hasSize(1);
        }
        // The unspoilt file imports.
        as(token).contentType(ContentType.JSON).body(file).post("/api/projects/{id}/chats/import", target)
                .then().statusCode(201).body("messageCount", equalTo(2));
    }

    @Test
    void anotherTenantCanNeitherExportTheChatNorImportIntoTheProject() {
        String project = alice.createProject("private transfers");
        String chat = alice.createChat(project, "private");
        sendAndAwaitAnswer(chat, "/words 3\nonly for alice", 2);
        byte[] file = as(token).get("/api/chats/{id}/export", chat).then().statusCode(200).extract().asByteArray();

        as(mallory).get("/api/chats/{id}/export", chat)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:not-found"))
                .body("detail", equalTo("Chat " + chat + " does not exist"));
        as(mallory).contentType(ContentType.JSON).body(file).post("/api/projects/{id}/chats/import", project)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:not-found"))
                .body("detail", equalTo("Project " + project + " does not exist"));

        // The refusal is about the project, not the file: into a project of mallory's own it imports.
        String own = new ChatApi(stack.gatewayUrl(), mallory).createProject("mallory's");
        as(mallory).contentType(ContentType.JSON).body(file).post("/api/projects/{id}/chats/import", own)
                .then().statusCode(201).body("projectId", equalTo(own)).body("messageCount", equalTo(2));
        // Alice's project has its default chat and hers, nothing of mallory's.
        as(token).get("/api/projects/{id}/chats", project).then().statusCode(200)
                .body("$", hasSize(2)).body("findAll { !it.isDefault }.id", equalTo(List.of(chat)));
    }

    @Test
    void aFileOfTwoMebibytesGoesThroughTheGatewayBothWays() throws JsonProcessingException {
        // Multi-byte characters and line breaks, as real answers have them: about 2 MiB in all. A line is measured
        // as the file has it (Jackson escapes the line break and writes the emoji as a surrogate pair escape).
        String line = "Ünïcödé 🚀 line of a long answer\n";
        int lineInFile = EventJson.mapper().writeValueAsBytes(line).length - 2;
        String longAnswer = line.repeat(2 * 1024 * 1024 / lineInFile);
        ObjectNode file = EventJson.mapper().createObjectNode();
        file.put("format", "switchboard-chat");
        file.put("version", 1);
        file.putObject("chat").put("title", "large").put("model", "offline");
        ArrayNode messages = file.putArray("messages");
        messages.addObject().put("turn", 1).put("role", "user").put("status", "complete")
                .put("content", "a long answer, please").put("createdAt", "2026-12-06T09:00:00Z");
        messages.addObject().put("turn", 1).put("role", "assistant").put("status", "complete")
                .put("content", longAnswer).put("createdAt", "2026-12-06T09:00:04.5Z");
        byte[] bytes = EventJson.mapper().writeValueAsBytes(file);
        assertThat(bytes.length).isBetween(2 * 1024 * 1024 - 64 * 1024, 2 * 1024 * 1024 + 64 * 1024);

        String project = alice.createProject("large files");
        String chat = as(token).contentType(ContentType.JSON).body(bytes)
                .post("/api/projects/{id}/chats/import", project)
                .then().statusCode(201).body("title", equalTo("large")).body("messageCount", equalTo(2))
                .extract().path("id");

        Response export = as(token).get("/api/chats/{id}/export", chat);
        export.then().statusCode(200)
                .header("Content-Disposition", endsWith("chat-" + chat + ".json\""))
                .body("messages.role", equalTo(List.of("user", "assistant")));
        assertThat(export.jsonPath().getString("messages[1].content")).isEqualTo(longAnswer);
        assertThat(history(chat).getString("[1].content")).isEqualTo(longAnswer);
    }

    private static ValidatableResponse refused(String project, String file) {
        return as(token).contentType(ContentType.JSON).body(file).post("/api/projects/{id}/chats/import", project)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:invalid-chat-file"))
                .body("title", equalTo("Invalid chat file"));
    }

    private static ObjectNode message(ObjectNode file, int index) {
        return (ObjectNode) file.get("messages").get(index);
    }

    /** Sends the question and waits until the chat's history has {@code messages} messages, the last an answer. */
    private static void sendAndAwaitAnswer(String chat, String question, int messages) {
        assertThat(alice.send(chat, UUID.randomUUID().toString(), question)).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath history = history(chat);
            assertThat(history.<String>getList("role")).hasSize(messages).last().isEqualTo("assistant");
            assertThat(history.<String>getList("status")).last().isEqualTo("complete");
        });
    }

    private static JsonPath history(String chat) {
        return as(token).get("/api/chats/{id}/messages?limit=500", chat).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification as(String bearer) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(bearer);
    }
}
