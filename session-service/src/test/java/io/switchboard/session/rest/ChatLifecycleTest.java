package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatRestored;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** Updating, archiving, restoring, completing and deleting a chat, and the one event each change announces. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatLifecycleTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void aProjectComesWithItsDefaultChatWhichCannotBeDeleted() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String projectId = ProjectAndChatResourceTest.createProject(alice, "with a default");

            String mainId = given().auth().oauth2(alice).get("/projects/{id}/chats", projectId)
                    .then().statusCode(200).body("$", hasSize(1))
                    .body("[0].title", equalTo("Main conversation")).body("[0].isDefault", equalTo(true))
                    .body("[0].status", equalTo("active")).body("[0].ownerId", equalTo("alice"))
                    .extract().path("[0].id");
            Envelope created = event(lifecycle.awaitRecord(r -> mainId.equals(r.key()), WAIT));
            assertThat(created.seq()).isEqualTo(1);
            assertThat(created.payloadAs(ChatCreated.class).projectId()).hasToString(projectId);
            assertThat(created.payloadAs(ChatCreated.class).title()).isEqualTo("Main conversation");

            given().auth().oauth2(alice).delete("/chats/{id}", mainId)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:conflict"));
            given().auth().oauth2(alice).get("/chats/{id}", mainId).then().statusCode(200);
            // A default chat is changed like any other.
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"title\":\"Main\"}")
                    .patch("/chats/{id}", mainId).then().statusCode(200).body("isDefault", equalTo(true));
        }
    }

    @Test
    void anUpdateChangesTheChatAndAnnouncesItOnceAndAnUpdateChangingNothingAnnouncesNothing() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String chatId = createChat(alice, "Before");
            String body = "{\"title\":\" After \",\"description\":\"what this chat is for\",\"model\":\"echo\","
                    + "\"pinned\":true}";

            given().auth().oauth2(alice).contentType(ContentType.JSON).body(body).patch("/chats/{id}", chatId)
                    .then().statusCode(200)
                    .body("title", equalTo("After")).body("description", equalTo("what this chat is for"))
                    .body("model", equalTo("echo")).body("pinned", equalTo(true)).body("status", equalTo("active"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(body).patch("/chats/{id}", chatId)
                    .then().statusCode(200).body("title", equalTo("After"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}").patch("/chats/{id}", chatId)
                    .then().statusCode(200).body("pinned", equalTo(true));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"pinned\":false}")
                    .patch("/chats/{id}", chatId).then().statusCode(200).body("pinned", equalTo(false));

            List<Envelope> events = awaitEvents(lifecycle, chatId, 3);
            assertThat(events).extracting(Envelope::seq).containsExactly(1L, 2L, 3L);
            ChatUpdated first = events.get(1).payloadAs(ChatUpdated.class);
            assertThat(first.title()).isEqualTo("After");
            assertThat(first.description()).isEqualTo("what this chat is for");
            assertThat(first.model()).isEqualTo("echo");
            assertThat(first.pinned()).isTrue();
            assertThat(first.status()).isEqualTo("active");
            assertThat(events.get(2).payloadAs(ChatUpdated.class).pinned()).isFalse();
            assertNoMoreEvents(lifecycle, chatId, 3);
            given().auth().oauth2(alice).get("/chats/{id}", chatId)
                    .then().statusCode(200).body("title", equalTo("After")).body("model", equalTo("echo"));
        }
    }

    @Test
    void archiveRestoreAndCompleteFollowTheirTransitionsAndRefuseTheOthersWith409() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String chatId = createChat(alice, "Transitions");

            post(chatId, "archive").then().statusCode(200).body("status", equalTo("archived"));
            post(chatId, "archive").then().statusCode(409).contentType("application/problem+json");
            post(chatId, "complete").then().statusCode(409).contentType("application/problem+json");
            post(chatId, "restore").then().statusCode(200).body("status", equalTo("active"));
            post(chatId, "restore").then().statusCode(409).contentType("application/problem+json");
            post(chatId, "complete").then().statusCode(200).body("status", equalTo("completed"));
            post(chatId, "complete").then().statusCode(409);
            post(chatId, "restore").then().statusCode(200).body("status", equalTo("active"));
            post(chatId, "complete").then().statusCode(200);
            post(chatId, "archive").then().statusCode(200).body("status", equalTo("archived"));

            List<Envelope> events = awaitEvents(lifecycle, chatId, 7);
            assertThat(events).allSatisfy(event -> assertThat(event.chatId()).isEqualTo(chatId));
            assertThat(events).extracting(Envelope::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(events.get(1).payload()).isInstanceOf(ChatArchived.class);
            assertThat(events.get(2).payload()).isInstanceOf(ChatRestored.class);
            assertThat(events.get(3).payloadAs(ChatUpdated.class).status()).isEqualTo("completed");
            // A completed chat is reopened with ChatUpdated: chat-service never stopped taking its messages.
            assertThat(events.get(4).payloadAs(ChatUpdated.class).status()).isEqualTo("active");
            assertThat(events.get(5).payloadAs(ChatUpdated.class).status()).isEqualTo("completed");
            assertThat(events.get(6).payloadAs(ChatArchived.class).projectId()).isNotNull();
            assertNoMoreEvents(lifecycle, chatId, 7);
        }
    }

    @Test
    void deletingAChatRemovesItWithItsMessagesAndAnnouncesItOnce() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String chatId = createChat(alice, "Doomed");
            try (RawProducer producer = RawProducer.create()) {
                ChatEvents.turn(producer, chatId, "tenant-a", 1, "question", "answer");
            }
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(alice).get("/chats/{id}/messages", chatId)
                    .then().statusCode(200).body("$", hasSize(2)));

            given().auth().oauth2(alice).delete("/chats/{id}", chatId).then().statusCode(204);

            given().auth().oauth2(alice).get("/chats/{id}", chatId).then().statusCode(404);
            given().auth().oauth2(alice).get("/chats/{id}/messages", chatId).then().statusCode(404);
            given().auth().oauth2(alice).delete("/chats/{id}", chatId)
                    .then().statusCode(404).contentType("application/problem+json");
            // Created, its question and answer stored, deleted.
            List<Envelope> events = awaitEvents(lifecycle, chatId, 4);
            assertThat(events).extracting(event -> event.payload().getClass().getSimpleName()).containsExactly(
                    "ChatCreated", "ChatActivityChanged", "ChatActivityChanged", "ChatDeleted");
            assertThat(events.get(3).seq()).isEqualTo(4);
            assertNoMoreEvents(lifecycle, chatId, 4);
        }
    }

    @Test
    void invalidChangesGetAProblemBodyAndChangeNothing() {
        String chatId = createChat(alice, "Stays");
        String tooLong = "ü".repeat(201);

        patch(chatId, "{\"title\":\"" + tooLong + "\"}").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("title"));
        patch(chatId, "{\"title\":\"   \"}").then().statusCode(400).contentType("application/problem+json");
        patch(chatId, "{\"description\":\"" + "d".repeat(2001) + "\"}").then().statusCode(400)
                .contentType("application/problem+json");
        patch(chatId, "{\"model\":\"not a model\"}").then().statusCode(400).contentType("application/problem+json");
        patch(chatId, "{\"title\":").then().statusCode(400).contentType("application/problem+json");
        patch(chatId, "{\"title\":\"a\\u0000b\"}").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).patch("/chats/{id}", chatId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}").patch("/chats/{id}", "not-a-uuid")
                .then().statusCode(404);
        // Exactly 200 code points is a title.
        patch(chatId, "{\"title\":\"" + "ü".repeat(200) + "\"}").then().statusCode(200);
        patch(chatId, "{\"title\":\"Stays\"}").then().statusCode(200);

        given().auth().oauth2(alice).get("/chats/{id}", chatId)
                .then().statusCode(200).body("title", equalTo("Stays")).body("description", equalTo(""));
    }

    @Test
    void anotherTenantsChatIsNotFoundOnEveryChangeAndStaysAsItWas() {
        String mallory = TestTokens.bearer("tenant-b", "mallory");
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String projectId = ProjectAndChatResourceTest.createProject(alice, "private");
            String chatId = createChat(alice, projectId, "Private");
            try (RawProducer producer = RawProducer.create()) {
                ChatEvents.turn(producer, chatId, "tenant-a", 1, "question", "answer");
            }
            String messageId = await().atMost(WAIT).until(() -> given().auth().oauth2(alice)
                    .get("/chats/{id}/messages", chatId).then().extract().<String>path("[0].id"), id -> id != null);

            for (String action : List.of("archive", "restore", "complete", "duplicate")) {
                given().auth().oauth2(mallory).post("/chats/{id}/" + action, chatId)
                        .then().statusCode(404).contentType("application/problem+json");
            }
            given().auth().oauth2(mallory).contentType(ContentType.JSON).body("{\"title\":\"mine now\"}")
                    .patch("/chats/{id}", chatId).then().statusCode(404);
            given().auth().oauth2(mallory).delete("/chats/{id}", chatId).then().statusCode(404);
            given().auth().oauth2(mallory).contentType(ContentType.JSON)
                    .body(Map.of("messageId", messageId)).post("/chats/{id}/fork", chatId).then().statusCode(404);
            given().auth().oauth2(mallory).contentType(ContentType.JSON).body("{}")
                    .post("/chats/{id}/read", chatId).then().statusCode(404);
            given().auth().oauth2(mallory).get("/chats/{id}/messages?before=5.5", chatId).then().statusCode(404);
            given().auth().oauth2(mallory).get("/projects/{id}/chats?status=active", projectId)
                    .then().statusCode(404);
            given().auth().oauth2(mallory).get("/chats/search?q=Private&projectId=" + projectId)
                    .then().statusCode(404);

            given().auth().oauth2(alice).get("/chats/{id}", chatId).then().statusCode(200)
                    .body("title", equalTo("Private")).body("status", equalTo("active"))
                    .body("unread", equalTo(2));
            given().auth().oauth2(alice).get("/projects/{id}/chats", projectId).then().body("$", hasSize(2));
            // The creation and the two stored messages are the chat's only events: no refused change was announced.
            String marker = createChat(alice, projectId, "marker");
            lifecycle.awaitRecord(r -> marker.equals(r.key()), WAIT);
            assertThat(lifecycle.records()).filteredOn(r -> chatId.equals(r.key())).map(ChatLifecycleTest::event)
                    .extracting(event -> event.payload().getClass().getSimpleName())
                    .containsExactly("ChatCreated", "ChatActivityChanged", "ChatActivityChanged");
        }
    }

    static String createChat(String token, String title) {
        return createChat(token, ProjectAndChatResourceTest.createProject(token, "project " + UUID.randomUUID()),
                title);
    }

    static String createChat(String token, String projectId, String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", title))
                .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
    }

    /** The chat's first {@code count} events on session.lifecycle, each keyed by the chat. */
    static List<Envelope> awaitEvents(RecordCollector lifecycle, String chatId, int count) {
        return lifecycle.awaitRecords(r -> chatId.equals(r.key()), count, WAIT).stream()
                .map(ChatLifecycleTest::event)
                .peek(event -> assertThat(event.chatId()).isEqualTo(chatId))
                .toList();
    }

    /** Nothing more than {@code count} events for the chat, once a later chat's creation has gone out. */
    static void assertNoMoreEvents(RecordCollector lifecycle, String chatId, int count) {
        String marker = createChat(TestTokens.bearer("tenant-a", "alice"), "marker");
        lifecycle.awaitRecord(r -> marker.equals(r.key()), WAIT);
        assertThat(lifecycle.records()).filteredOn(r -> chatId.equals(r.key())).hasSize(count);
    }

    static Envelope event(ConsumerRecord<String, byte[]> record) {
        Envelope event = EventJson.fromBytes(record.value());
        assertThat(record.key()).isEqualTo(event.chatId());
        return event;
    }

    private io.restassured.response.Response post(String chatId, String action) {
        return given().auth().oauth2(alice).post("/chats/{id}/" + action, chatId);
    }

    private io.restassured.response.Response patch(String chatId, String body) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(body).patch("/chats/{id}", chatId);
    }
}
