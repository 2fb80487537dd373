package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** Exporting a chat as a chat file and importing that file as a new chat; bad files leave nothing behind. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatTransferTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void anExportedChatImportsAsANewChatWithTheSameHistory() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String source = chatWithHistory("Tour of Ünïcödé 🚀");
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"description\":\"notes\\nwith a tab\\t\",\"pinned\":true,\"model\":\"echo\"}")
                    .patch("/chats/{id}", source).then().statusCode(200);

            Response export = given().auth().oauth2(alice).get("/chats/{id}/export", source);
            export.then().statusCode(200).contentType(ContentType.JSON)
                    .header("Content-Disposition", startsWith("attachment; filename=\"chat-" + source))
                    .header("Content-Disposition", endsWith(".json\""))
                    .body("format", equalTo("switchboard-chat")).body("version", equalTo(1))
                    .body("chat.title", equalTo("Tour of Ünïcödé 🚀")).body("chat.description", equalTo("notes\nwith a tab\t"))
                    .body("chat.model", equalTo("echo")).body("chat.pinned", equalTo(true))
                    .body("chat.status", equalTo("active"))
                    .body("messages", hasSize(6))
                    .body("messages.turn", equalTo(List.of(1, 1, 2, 2, 3, 3)))
                    .body("messages.role", equalTo(List.of("user", "assistant", "user", "assistant", "user",
                            "assistant")))
                    .body("messages[1].inputTokens", equalTo(3)).body("messages[1].outputTokens", equalTo(5))
                    .body("messages[3].status", equalTo("failed"))
                    .body("messages[3].error", equalTo("provider_error: the model is away"));
            String file = export.asString();
            assertThat(file).doesNotContain(source);

            String target = ProjectAndChatResourceTest.createProject(alice, "imports " + UUID.randomUUID());
            Response imported = given().auth().oauth2(alice).contentType(ContentType.JSON).body(file)
                    .post("/projects/{id}/chats/import", target);
            imported.then().statusCode(201).header("Location", containsString("/chats/"))
                    .body("projectId", equalTo(target)).body("title", equalTo("Tour of Ünïcödé 🚀"))
                    .body("description", equalTo("notes\nwith a tab\t")).body("model", equalTo("echo"))
                    .body("pinned", equalTo(true)).body("status", equalTo("active"))
                    .body("isDefault", equalTo(false)).body("ownerId", equalTo("alice"))
                    .body("messageCount", equalTo(6)).body("unread", equalTo(0)).body("busy", equalTo(false));
            String copy = imported.path("id");
            assertThat(copy).isNotEqualTo(source);
            assertThat(imported.header("Location")).endsWith("/chats/" + copy);

            JsonPath before = history(source);
            JsonPath after = history(copy);
            for (String field : List.of("role", "status", "content", "model", "error", "inputTokens", "outputTokens",
                    "createdAt")) {
                assertThat(after.getList(field)).as(field).isEqualTo(before.getList(field));
            }
            assertThat(after.getList("id")).doesNotContainAnyElementsOf(before.getList("id"));
            assertThat(after.getList("turnId")).doesNotContainAnyElementsOf(before.getList("turnId"));
            // The turns stay together: a question and its answer share one new turn id.
            assertThat(after.getString("[0].turnId")).isEqualTo(after.getString("[1].turnId"))
                    .isNotEqualTo(after.getString("[2].turnId"));

            // The same file again: an export of the imported chat has the same chat and messages.
            JsonPath again = given().auth().oauth2(alice).get("/chats/{id}/export", copy).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(again.getList("messages")).isEqualTo(export.jsonPath().getList("messages"));
            assertThat(again.getString("chat.title")).isEqualTo(export.jsonPath().getString("chat.title"));

            Envelope created = ChatLifecycleTest.event(lifecycle.awaitRecord(r -> copy.equals(r.key()),
                    ChatLifecycleTest.WAIT));
            assertThat(created.seq()).isEqualTo(1);
            assertThat(created.chatId()).isEqualTo(copy);
            assertThat(created.payloadAs(ChatCreated.class).projectId()).hasToString(target);
            assertThat(created.payloadAs(ChatCreated.class).title()).isEqualTo("Tour of Ünïcödé 🚀");
            assertThat(created.payloadAs(ChatCreated.class).model()).isEqualTo("echo");
            ChatLifecycleTest.assertNoMoreEvents(lifecycle, copy, 1);

            // The imported chat's own turns are listed after the imported history, and only they are unread.
            try (RawProducer producer = RawProducer.create()) {
                ChatEvents.turn(producer, copy, "tenant-a", 1, "a new question", "a new answer");
            }
            await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> assertThat(history(copy).getList("content"))
                    .hasSize(8).endsWith("a new question", "a new answer"));
            given().auth().oauth2(alice).get("/chats/{id}", copy).then().body("unread", equalTo(2));
        }
    }

    @Test
    void anEmptyChatAndAMinimalFileRoundTrip() {
        String empty = ChatLifecycleTest.createChat(alice, "nothing yet");
        String file = given().auth().oauth2(alice).get("/chats/{id}/export", empty).then().statusCode(200)
                .body("messages", hasSize(0)).extract().asString();
        String project = ProjectAndChatResourceTest.createProject(alice, "minimal " + UUID.randomUUID());
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(file)
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(201).body("title", equalTo("nothing yet")).body("messageCount", equalTo(0));

        // Only what the format requires; unknown fields are ignored, so a later file of version 1 still reads.
        String minimal = "{\"format\":\"switchboard-chat\",\"version\":1,\"addedLater\":{\"x\":1},"
                + "\"chat\":{\"title\":\"minimal\",\"model\":\"offline\"},"
                + "\"messages\":[{\"turn\":1,\"role\":\"assistant\",\"status\":\"cancelled\",\"content\":\"\","
                + "\"createdAt\":\"2026-01-02T03:04:05.123456Z\"},{\"turn\":4,\"role\":\"user\",\"status\":"
                + "\"complete\",\"content\":\"hello\",\"createdAt\":\"2026-01-02T03:04:06Z\"}]}";
        String chat = given().auth().oauth2(alice).contentType(ContentType.JSON).body(minimal)
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(201).body("description", equalTo("")).body("pinned", equalTo(false))
                .body("messageCount", equalTo(2)).extract().path("id");
        assertThat(history(chat).<String>getList("content")).containsExactly("", "hello");
        assertThat(history(chat).<String>getList("createdAt"))
                .containsExactly("2026-01-02T03:04:05.123456Z", "2026-01-02T03:04:06Z");
        assertThat(history(chat).<String>getList("status")).containsExactly("cancelled", "complete");
    }

    @Test
    void theLargestFileTheBoundsAllowImportsAndExportsPageByPage() throws JsonProcessingException {
        Map<String, Object> file = validFile();
        List<Map<String, Object>> most = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            most.add(message(i / 2 + 1, i % 2 == 0 ? "user" : "assistant", "message " + i + " " + "é".repeat(100)));
        }
        file.put("messages", most);
        String project = ProjectAndChatResourceTest.createProject(alice, "large " + UUID.randomUUID());

        String chat = given().auth().oauth2(alice).contentType(ContentType.JSON).body(json(file))
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(201).body("messageCount", equalTo(10_000)).extract().path("id");

        JsonPath export = given().auth().oauth2(alice).get("/chats/{id}/export", chat).then().statusCode(200)
                .extract().jsonPath();
        assertThat(export.<String>getList("messages.content"))
                .isEqualTo(most.stream().map(message -> message.get("content")).toList());
        assertThat(export.<Integer>getList("messages.turn")).endsWith(5_000, 5_000);
    }

    @Test
    void everyBadFileIsAProblemNamingWhatIsWrongAndCreatesNothing() throws JsonProcessingException {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String project = ProjectAndChatResourceTest.createProject(alice, "bad files " + UUID.randomUUID());

            refused(project, "{\"format\":\"switchboard-chat\",", 400, "urn:switchboard:problem:malformed-body",
                    null, "line 1");
            refused(project, "{\"format\":\"switchboard-chat\",\"format\":\"switchboard-chat\"}", 400,
                    "urn:switchboard:problem:malformed-body", null, "not valid JSON");
            refused(project, json(validFile()) + " {}", 400, "urn:switchboard:problem:malformed-body", null,
                    "not valid JSON");
            refused(project, "", 400, invalid(), "$", "$");
            refused(project, "[1,2]", 400, invalid(), "$", "must be a JSON object");

            Map<String, Object> file = validFile();
            file.put("format", "slack-export");
            refused(project, json(file), 400, invalid(), "format", "format must be \"switchboard-chat\"");
            file = validFile();
            file.remove("format");
            refused(project, json(file), 400, invalid(), "format", "format");
            file = validFile();
            file.put("version", 2);
            refused(project, json(file), 400, invalid(), "version", "version 2 is not a version this service reads");
            file.put("version", "1");
            refused(project, json(file), 400, invalid(), "version", "must be a whole number");

            file = validFile();
            chat(file).remove("title");
            refused(project, json(file), 400, invalid(), "chat.title", "chat.title must not be null");
            file = validFile();
            chat(file).put("title", "t".repeat(201));
            refused(project, json(file), 400, invalid(), "chat.title", "at most 200 characters");
            file = validFile();
            chat(file).put("title", "🚀".repeat(201));
            refused(project, json(file), 400, invalid(), "chat.title", "at most 200 characters");
            file = validFile();
            chat(file).put("model", "no spaces allowed");
            refused(project, json(file), 400, invalid(), "chat.model", "must be a model name");
            file = validFile();
            file.remove("chat");
            refused(project, json(file), 400, invalid(), "chat", "chat must not be null");
            file = validFile();
            file.remove("messages");
            refused(project, json(file), 400, invalid(), "messages", "messages must not be null");

            file = validFile();
            message(file, 1).remove("role");
            refused(project, json(file), 400, invalid(), "messages[1].role", "messages[1].role must not be null");
            file = validFile();
            message(file, 1).put("content", "an answer with a \u0000 in it");
            refused(project, json(file), 400, invalid(), "messages[1].content", "NUL");
            file = validFile();
            message(file, 0).put("content", "a bell \u0007");
            refused(project, json(file), 400, invalid(), "messages[0].content", "control character U+0007");
            // A lone surrogate can only be written as an escape.
            refused(project, json(validFile()).replace("\"first question\"", "\"first \\ud83d question\""), 400,
                    invalid(), "messages[0].content", "unpaired surrogate");
            file = validFile();
            message(file, 2).put("role", "system");
            refused(project, json(file), 400, invalid(), "messages[2].role", "must be user or assistant");
            file = validFile();
            message(file, 2).put("status", "streaming");
            refused(project, json(file), 400, invalid(), "messages[2].status", "must be complete, failed or");
            file = validFile();
            message(file, 1).put("turn", "1");
            refused(project, json(file), 400, invalid(), "messages[1].turn", "has the wrong type");
            file = validFile();
            message(file, 1).put("content", 42);
            refused(project, json(file), 400, invalid(), "messages[1].content", "has the wrong type");
            file = validFile();
            message(file, 1).put("createdAt", "yesterday");
            refused(project, json(file), 400, invalid(), "messages[1].createdAt", "has the wrong type");
            file = validFile();
            message(file, 1).put("outputTokens", -1);
            refused(project, json(file), 400, invalid(), "messages[1].outputTokens", "greater than or equal to 0");
            file = validFile();
            message(file, 2).put("turn", 0);
            refused(project, json(file), 400, invalid(), "messages[2].turn", "messages[2].turn");
            file = validFile();
            message(file, 2).put("turn", 1);
            refused(project, json(file), 400, invalid(), "messages[2].role", "turn 1 already has a user message");
            file = validFile();
            message(file, 3).put("turn", 1);
            message(file, 2).put("turn", 3);
            refused(project, json(file), 400, invalid(), "messages[3].turn", "must not be lower than the turn");
            file = validFile();
            message(file, 0).put("role", "assistant");
            message(file, 1).put("role", "user");
            refused(project, json(file), 400, invalid(), "messages[1].role", "must come before its answer");
            // Everything wrong at once is listed, in the file's order.
            file = validFile();
            message(file, 3).put("content", "\u0000");
            message(file, 1).put("role", "robot");
            chat(file).put("title", " ");
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(json(file))
                    .post("/projects/{id}/chats/import", project)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("chat.title", "messages[1].role",
                            "messages[3].content")))
                    .body("detail", containsString("chat.title must not be blank (and 2 more)"));

            file = validFile();
            List<Map<String, Object>> many = new ArrayList<>();
            for (int i = 0; i < 10_001; i++) {
                many.add(message(i / 2 + 1, i % 2 == 0 ? "user" : "assistant", "m" + i));
            }
            file.put("messages", many);
            refused(project, json(file), 413, "urn:switchboard:problem:payload-too-large", null,
                    "10001 messages; at most 10000");
            file = validFile();
            message(file, 1).put("content", "x".repeat(4 * 1024 * 1024));
            refused(project, json(file), 413, "urn:switchboard:problem:payload-too-large", null,
                    "at most 4194304 are imported");

            given().auth().oauth2(alice).get("/projects/{id}/chats", project).then().statusCode(200)
                    .body("$", hasSize(1)).body("[0].isDefault", equalTo(true));
            String marker = ChatLifecycleTest.createChat(alice, project, "marker");
            lifecycle.awaitRecord(r -> marker.equals(r.key()), ChatLifecycleTest.WAIT);
            assertThat(lifecycle.records()).map(ChatLifecycleTest::event)
                    .filteredOn(event -> event.payload() instanceof ChatCreated created
                            && created.projectId().toString().equals(project))
                    .hasSize(2);
        }
    }

    @Test
    void anotherTenantCanNeitherExportTheChatNorImportIntoTheProject() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String mallory = TestTokens.bearer("tenant-b", "mallory");
            String project = ProjectAndChatResourceTest.createProject(alice, "private " + UUID.randomUUID());
            String chat = ChatLifecycleTest.createChat(alice, project, "Private");
            String file = given().auth().oauth2(alice).get("/chats/{id}/export", chat).then().statusCode(200)
                    .extract().asString();

            given().auth().oauth2(mallory).get("/chats/{id}/export", chat)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:not-found"))
                    .body("detail", equalTo("Chat " + chat + " does not exist"));
            given().auth().oauth2(alice).get("/chats/{id}/export", UUID.randomUUID()).then().statusCode(404);
            given().auth().oauth2(mallory).contentType(ContentType.JSON).body(file)
                    .post("/projects/{id}/chats/import", project)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("Project " + project + " does not exist"));
            given().contentType(ContentType.JSON).body(file).post("/projects/{id}/chats/import", project)
                    .then().statusCode(401);
            given().get("/chats/{id}/export", chat).then().statusCode(401);

            given().auth().oauth2(alice).get("/projects/{id}/chats", project).then().body("$", hasSize(2));
            String marker = ChatLifecycleTest.createChat(alice, project, "marker");
            lifecycle.awaitRecord(r -> marker.equals(r.key()), ChatLifecycleTest.WAIT);
            assertThat(lifecycle.records()).map(ChatLifecycleTest::event)
                    .filteredOn(event -> event.payload() instanceof ChatCreated created
                            && created.projectId().toString().equals(project))
                    .hasSize(3);
        }
    }

    /** Three turns: answered with usage, failed, answered; stored from chat.events as chat-service writes them. */
    private String chatWithHistory(String title) {
        String chatId = ChatLifecycleTest.createChat(alice, title);
        try (RawProducer producer = RawProducer.create()) {
            ChatEvents.turn(producer, chatId, "tenant-a", 1, "first question 🧪", "first answer\nwith lines");
            UUID failed = ChatEvents.asked(producer, chatId, "tenant-a", 4, "second question");
            ChatEvents.send(producer, Envelope.of(chatId, "tenant-a", 5, failed, new TurnStarted("offline")));
            ChatEvents.send(producer, Envelope.of(chatId, "tenant-a", 6, failed,
                    new TurnFailed("provider_error", "the model is away")));
            ChatEvents.turn(producer, chatId, "tenant-a", 7, "third question", "third answer");
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> assertThat(history(chatId).getList("content"))
                .hasSize(6));
        return chatId;
    }

    private JsonPath history(String chatId) {
        return given().auth().oauth2(alice).get("/chats/{id}/messages", chatId).then().statusCode(200).extract()
                .jsonPath();
    }

    private void refused(String project, String body, int status, String type, String field, String detail) {
        var answer = given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(type)).body("detail", containsString(detail));
        if (field != null) {
            answer.body("violations[0].field", equalTo(field));
        }
    }

    private static String invalid() {
        return "urn:switchboard:problem:invalid-chat-file";
    }

    /** Two whole turns. */
    private static Map<String, Object> validFile() {
        Map<String, Object> chat = new LinkedHashMap<>(Map.of("title", "From a file", "model", "offline"));
        List<Map<String, Object>> messages = new ArrayList<>(List.of(message(1, "user", "first question"),
                message(1, "assistant", "first answer"), message(2, "user", "second question"),
                message(2, "assistant", "second answer")));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", "switchboard-chat");
        file.put("version", 1);
        file.put("chat", chat);
        file.put("messages", messages);
        return file;
    }

    private static Map<String, Object> message(long turn, String role, String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("turn", turn);
        message.put("role", role);
        message.put("status", "complete");
        message.put("content", content);
        message.put("createdAt", "2026-11-30T10:00:00Z");
        return message;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chat(Map<String, Object> file) {
        return (Map<String, Object>) file.get("chat");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> message(Map<String, Object> file, int index) {
        return ((List<Map<String, Object>>) file.get("messages")).get(index);
    }

    private static String json(Object value) throws JsonProcessingException {
        return JSON.writeValueAsString(value);
    }
}
