package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** Duplicating and forking a chat, and paging its history both ways. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatCopyTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void aDuplicateCopiesMetadataAndHistoryAndItsOwnMessagesFollowTheCopy() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String source = chatWithTurns("Original", 2);
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"description\":\"notes\",\"pinned\":true,\"model\":\"echo\"}")
                    .patch("/chats/{id}", source).then().statusCode(200);

            String copy = given().auth().oauth2(alice).post("/chats/{id}/duplicate", source)
                    .then().statusCode(201).header("Location", containsString("/chats/"))
                    .body("title", equalTo("Original (copy)")).body("description", equalTo("notes"))
                    .body("model", equalTo("echo")).body("pinned", equalTo(true)).body("status", equalTo("active"))
                    .body("isDefault", equalTo(false)).body("messageCount", equalTo(4)).body("unread", equalTo(0))
                    .extract().path("id");

            assertThat(contents(copy)).isEqualTo(contents(source)).hasSize(4);
            Envelope created = ChatLifecycleTest.event(lifecycle.awaitRecord(r -> copy.equals(r.key()),
                    ChatLifecycleTest.WAIT));
            assertThat(created.seq()).isEqualTo(1);
            ChatCreated announced = created.payloadAs(ChatCreated.class);
            assertThat(announced.title()).isEqualTo("Original (copy)");
            // The copy names its source and the last turn it holds, for chat-service to give its model that history.
            assertThat(announced.sourceChatId()).isEqualTo(source);
            assertThat(announced.sourceTurnId().toString()).isEqualTo(given().auth().oauth2(alice)
                    .get("/chats/{id}/messages", source).then().extract().jsonPath().getString("[-1].turnId"));
            ChatLifecycleTest.assertNoMoreEvents(lifecycle, copy, 1);

            // The copy's own stream starts at seq 1: its first turn is listed after the copied history.
            try (RawProducer producer = RawProducer.create()) {
                ChatEvents.turn(producer, copy, "tenant-a", 1, "a new question", "a new answer");
            }
            await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> assertThat(contents(copy))
                    .hasSize(6).endsWith("a new question", "a new answer"));
            assertThat(contents(source)).hasSize(4);
            given().auth().oauth2(alice).get("/chats/{id}/messages?afterSeq=1", copy)
                    .then().statusCode(200).body("content", equalTo(List.of("a new answer")));
            given().auth().oauth2(alice).get("/chats/{id}", copy).then().body("unread", equalTo(2));
        }
    }

    @Test
    void aDuplicateOfALongTitleKeepsWithinTheTitleLimit() {
        String longTitle = "ü".repeat(200);
        String source = ChatLifecycleTest.createChat(alice, longTitle);

        String title = given().auth().oauth2(alice).post("/chats/{id}/duplicate", source)
                .then().statusCode(201).extract().path("title");

        assertThat(title.codePointCount(0, title.length())).isEqualTo(200);
        assertThat(title).endsWith(" (copy)").startsWith("üüü");
    }

    @Test
    void aForkHoldsTheHistoryThroughTheTurnOfItsMessageAndNamesSourceAndTurn() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String source = chatWithTurns("Branching", 3);
            JsonPath history = given().auth().oauth2(alice).get("/chats/{id}/messages", source).then().extract()
                    .jsonPath();
            // The question of the second turn: the fork keeps that turn whole, answer included.
            String question = history.getString("[2].id");
            String secondTurn = history.getString("[2].turnId");

            String fork = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("messageId", question)).post("/chats/{id}/fork", source)
                    .then().statusCode(201).body("title", equalTo("Branching (fork)"))
                    .body("messageCount", equalTo(4)).extract().path("id");
            assertThat(contents(fork)).isEqualTo(contents(source).subList(0, 4));
            String named = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("messageId", history.getString("[1].id"), "title", "Just the first turn"))
                    .post("/chats/{id}/fork", source)
                    .then().statusCode(201).body("title", equalTo("Just the first turn")).extract().path("id");
            assertThat(contents(named)).isEqualTo(contents(source).subList(0, 2));

            Envelope forked = ChatLifecycleTest.event(lifecycle.awaitRecord(r -> fork.equals(r.key()),
                    ChatLifecycleTest.WAIT));
            ChatForked payload = forked.payloadAs(ChatForked.class);
            assertThat(forked.seq()).isEqualTo(1);
            assertThat(payload.sourceChatId()).isEqualTo(source);
            assertThat(payload.sourceTurnId()).hasToString(secondTurn);
            assertThat(payload.userId()).isEqualTo("alice");
            assertThat(payload.fromCommit()).isNull();
            ChatLifecycleTest.assertNoMoreEvents(lifecycle, fork, 1);
        }
    }

    @Test
    void aForkAtAMessageThatIsNotThereGetsAProblemAndCreatesNothing() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String projectId = ProjectAndChatResourceTest.createProject(alice, "forks");
            String source = ChatLifecycleTest.createChat(alice, projectId, "source");
            String other = chatWithTurns("other", 1);
            String othersMessage = given().auth().oauth2(alice).get("/chats/{id}/messages", other).then().extract()
                    .path("[0].id");

            for (String messageId : List.of(UUID.randomUUID().toString(), othersMessage)) {
                given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("messageId", messageId))
                        .post("/chats/{id}/fork", source)
                        .then().statusCode(404).contentType("application/problem+json")
                        .body("detail", containsString(messageId));
            }
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}").post("/chats/{id}/fork", source)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("messageId"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"messageId\":\"not-a-uuid\"}")
                    .post("/chats/{id}/fork", source).then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("messageId", othersMessage, "title", "t".repeat(201)))
                    .post("/chats/{id}/fork", other).then().statusCode(400).contentType("application/problem+json");

            given().auth().oauth2(alice).get("/projects/{id}/chats", projectId).then().body("$", hasSize(2));
            String marker = ChatLifecycleTest.createChat(alice, projectId, "marker");
            lifecycle.awaitRecord(r -> marker.equals(r.key()), ChatLifecycleTest.WAIT);
            assertThat(lifecycle.records()).noneMatch(r -> ChatLifecycleTest.event(r).payload() instanceof ChatForked
                    && ((ChatForked) ChatLifecycleTest.event(r).payload()).sourceChatId().equals(source));
        }
    }

    @Test
    void historyPagesBackwardsWithBeforeInConversationOrder() {
        String chatId = chatWithTurns("pages", 3);
        List<String> all = contents(chatId);
        String lastCursor = given().auth().oauth2(alice).get("/chats/{id}/messages", chatId).then().extract()
                .path("[5].cursor");

        JsonPath page = given().auth().oauth2(alice).get("/chats/{id}/messages?limit=2&before=" + lastCursor, chatId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.<String>getList("content")).isEqualTo(all.subList(3, 5));
        JsonPath earlier = given().auth().oauth2(alice)
                .get("/chats/{id}/messages?limit=2&before=" + page.getString("[0].cursor"), chatId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(earlier.<String>getList("content")).isEqualTo(all.subList(1, 3));
        given().auth().oauth2(alice)
                .get("/chats/{id}/messages?limit=5&before=" + earlier.getString("[0].cursor"), chatId)
                .then().statusCode(200).body("content", equalTo(all.subList(0, 1)));
        given().auth().oauth2(alice).get("/chats/{id}/messages?limit=3&before=" + Long.MAX_VALUE + "." + Long.MAX_VALUE,
                chatId).then().statusCode(400);
        given().auth().oauth2(alice).get("/chats/{id}/messages?limit=2&before=999999.999999", chatId)
                .then().statusCode(200).body("content", equalTo(all.subList(4, 6)))
                .body("[1].inputTokens", equalTo(3)).body("[1].outputTokens", equalTo(5))
                .body("[1].model", equalTo(null)).body("[0].model", equalTo("offline"));

        // the newest page, where a client opening the chat starts, then back from it
        JsonPath newest = given().auth().oauth2(alice).get("/chats/{id}/messages?limit=2&before=end", chatId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(newest.<String>getList("content")).isEqualTo(all.subList(4, 6));
        given().auth().oauth2(alice).get("/chats/{id}/messages?limit=3&before=" + newest.getString("[0].cursor"), chatId)
                .then().statusCode(200).body("content", equalTo(all.subList(1, 4)));

        for (String query : List.of("before=garbage", "before=1.2.3", "after=1.1&before=2.2", "before=1.1&limit=0",
                "after=end", "before=END")) {
            given().auth().oauth2(alice).get("/chats/{id}/messages?" + query, chatId)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    /** A chat with that many whole turns, their messages stored. */
    private String chatWithTurns(String title, int turns) {
        String chatId = ChatLifecycleTest.createChat(alice, title);
        try (RawProducer producer = RawProducer.create()) {
            for (int i = 0; i < turns; i++) {
                ChatEvents.turn(producer, chatId, "tenant-a", 1 + 3L * i, title + " question " + i,
                        title + " answer " + i);
            }
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> assertThat(contents(chatId)).hasSize(2 * turns));
        return chatId;
    }

    private List<String> contents(String chatId) {
        return given().auth().oauth2(alice).get("/chats/{id}/messages", chatId).then().statusCode(200).extract()
                .jsonPath().getList("content");
    }
}
