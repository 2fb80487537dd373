package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class MessageHistoryTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void storesTheUserAndTheFinishedAssistantMessageOnceEach() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "history");
        String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
        UUID turn = UUID.randomUUID();

        try (RawProducer producer = RawProducer.create()) {
            send(producer, Envelope.of(chatId, "tenant-a", 1, turn, new TurnQueued("m1", "alice", "hello?", "offline", 0)));
            send(producer, Envelope.of(chatId, "tenant-a", 2, turn, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, "tenant-a", 3, turn, new TextDelta("hi ")));
            Envelope completed = Envelope.of(chatId, "tenant-a", 4, turn,
                    new TurnCompleted("hi there", new TokenUsage(1, 2)));
            send(producer, completed);
            // Redelivery must not duplicate the answer.
            send(producer, completed);
            // An event naming another tenant for this chat is not stored in it.
            send(producer, Envelope.of(chatId, "tenant-b", 5, UUID.randomUUID(),
                    new TurnQueued("m2", "mallory", "intruding", "offline", 0)));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}/messages", chatId)
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].role", equalTo("user")).body("[0].content", equalTo("hello?")).body("[0].seq", equalTo(1))
                .body("[1].role", equalTo("assistant")).body("[1].content", equalTo("hi there"))
                .body("[1].status", equalTo("complete")).body("[1].outputTokens", equalTo(2))
                .body("[1].turnId", equalTo(turn.toString())));
        given().auth().oauth2(alice).get("/chats/{id}/messages?afterSeq=1", chatId)
                .then().statusCode(200).body("$", hasSize(1)).body("[0].role", equalTo("assistant"));
    }

    @Test
    void aQuestionQueuedDuringAnAnswerIsListedAfterThatAnswer() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "queue");
        String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        try (RawProducer producer = RawProducer.create()) {
            send(producer, Envelope.of(chatId, "tenant-a", 1, first, new TurnQueued("q1", "alice", "one", "offline", 0)));
            send(producer, Envelope.of(chatId, "tenant-a", 2, first, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, "tenant-a", 3, second, new TurnQueued("q2", "alice", "two", "offline", 1)));
            send(producer, Envelope.of(chatId, "tenant-a", 4, first, new TurnCompleted("answer one", new TokenUsage(1, 2))));
            send(producer, Envelope.of(chatId, "tenant-a", 5, second, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, "tenant-a", 6, second, new TurnCompleted("answer two", new TokenUsage(1, 2))));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}/messages", chatId)
                .then().statusCode(200)
                .body("content", contains("one", "answer one", "two", "answer two"))
                .body("seq", contains(1, 4, 3, 6)));
        // Paging by seq would skip "two" (seq 3) after "answer one" (seq 4): the cursor follows the listed order.
        assertThat(pageThrough(chatId, 1)).containsExactly("one", "answer one", "two", "answer two");
        assertThat(pageThrough(chatId, 2)).containsExactly("one", "answer one", "two", "answer two");
        given().auth().oauth2(alice).get("/chats/{id}/messages?after=not-a-cursor", chatId)
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** Every message's content, a page of {@code size} at a time, each page asked for after the last cursor. */
    private List<String> pageThrough(String chatId, int size) {
        List<String> contents = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 10; page++) {
            JsonPath body = given().auth().oauth2(alice)
                    .queryParam("after", after).queryParam("limit", size)
                    .get("/chats/{id}/messages", chatId)
                    .then().statusCode(200).extract().jsonPath();
            List<String> pageContents = body.getList("content");
            assertThat(pageContents).hasSizeLessThanOrEqualTo(size);
            if (pageContents.isEmpty()) {
                return contents;
            }
            contents.addAll(pageContents);
            after = body.getString("[" + (pageContents.size() - 1) + "].cursor");
        }
        throw new AssertionError("history of chat " + chatId + " did not end within 10 pages: " + contents);
    }

    @Test
    void anEditedQuestionIsListedWithItsNewTextAndASendNowTurnWhereItRan() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "edits");
        String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
        UUID running = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();

        try (RawProducer producer = RawProducer.create()) {
            send(producer, Envelope.of(chatId, "tenant-a", 1, running, new TurnQueued("r", "alice", "long", "offline", 0)));
            send(producer, Envelope.of(chatId, "tenant-a", 2, running, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, "tenant-a", 3, queued, new TurnQueued("q", "alice", "draft", "offline", 1)));
            send(producer, Envelope.of(chatId, "tenant-a", 4, queued, new QueuedTurnEdited("final wording")));
            send(producer, Envelope.of(chatId, "tenant-a", 5, urgent, new TurnQueued("u", "alice", "urgent", "offline", 0)));
            send(producer, Envelope.of(chatId, "tenant-a", 6, running, new TurnCancelled(TurnCancelled.SUPERSEDED)));
            send(producer, Envelope.of(chatId, "tenant-a", 7, urgent, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, "tenant-a", 8, urgent, new TurnCompleted("done first", new TokenUsage(1, 2))));
            send(producer, Envelope.of(chatId, "tenant-a", 9, queued, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, "tenant-a", 10, queued, new TurnCompleted("done second", new TokenUsage(1, 2))));
            // Another tenant cannot edit this chat's question.
            send(producer, Envelope.of(chatId, "tenant-b", 11, queued, new QueuedTurnEdited("hijacked")));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}/messages", chatId)
                .then().statusCode(200)
                .body("content", contains("long", "", "urgent", "done first", "final wording", "done second"))
                .body("status", contains("complete", "cancelled", "complete", "complete", "complete", "complete")));
    }

    @Test
    void storingATurnLogsNoHibernateWarning() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger hibernate = Logger.getLogger("org.hibernate");
        hibernate.addHandler(capture);
        try {
            String projectId = ProjectAndChatResourceTest.createProject(alice, "quiet");
            String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                    .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
            UUID turn = UUID.randomUUID();
            try (RawProducer producer = RawProducer.create()) {
                send(producer, Envelope.of(chatId, "tenant-a", 1, turn,
                        new TurnQueued("m1", "alice", "quiet?", "offline", 0)));
                send(producer, Envelope.of(chatId, "tenant-a", 2, turn, new TurnStarted("offline")));
                send(producer, Envelope.of(chatId, "tenant-a", 3, turn,
                        new TurnCompleted("yes", new TokenUsage(1, 1))));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(alice)
                    .get("/chats/{id}/messages", chatId).then().statusCode(200).body("$", hasSize(2)));
        } finally {
            hibernate.removeHandler(capture);
        }
        // Two warnings per stored message were logged before (quarkus#52580): CPU spent on every turn for nothing.
        assertThat(warnings).isEmpty();
    }

    private static void send(RawProducer producer, Envelope event) {
        producer.send(Topics.CHAT_EVENTS, event.chatId(), EventJson.toBytes(event));
    }
}
