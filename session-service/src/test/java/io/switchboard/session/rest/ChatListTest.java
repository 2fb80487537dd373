package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.lifecycle.ChatActivityChanged;
import io.switchboard.events.lifecycle.ChatMarkedRead;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** Listing a project's chats: filters, order, cursor pages, and each user's unread count and the busy flag. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatListTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");
    private final String bob = TestTokens.bearer("tenant-a", "bob");

    @Test
    void listsChatsByLastActivityOneAtATimeAndFiltersByStatusAndPinning() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "a list");
        String first = ChatLifecycleTest.createChat(alice, projectId, "first");
        String second = ChatLifecycleTest.createChat(alice, projectId, "second");
        String third = ChatLifecycleTest.createChat(alice, projectId, "third");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"pinned\":true}")
                .patch("/chats/{id}", second).then().statusCode(200);
        given().auth().oauth2(alice).post("/chats/{id}/archive", third).then().statusCode(200);
        // A message makes the oldest chat the most recently active one.
        try (RawProducer producer = RawProducer.create()) {
            ChatEvents.asked(producer, first, "tenant-a", 1, "wake up");
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}", first).then().body("messageCount", equalTo(1)));

        List<String> titles = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            JsonPath body = given().auth().oauth2(alice).queryParam("limit", 1)
                    .queryParam("after", cursor == null ? "" : cursor)
                    .get("/projects/{id}/chats", projectId).then().statusCode(200).extract().jsonPath();
            List<String> pageTitles = body.getList("title");
            if (pageTitles.isEmpty()) {
                break;
            }
            assertThat(pageTitles).hasSize(1);
            titles.add(pageTitles.get(0));
            cursor = body.getString("[0].cursor");
        }
        assertThat(titles).containsExactly("first", "third", "second", "Main conversation");

        given().auth().oauth2(alice).get("/projects/{id}/chats?status=archived", projectId)
                .then().statusCode(200).body("title", equalTo(List.of("third")));
        given().auth().oauth2(alice).get("/projects/{id}/chats?pinned=true", projectId)
                .then().statusCode(200).body("title", equalTo(List.of("second")));
        given().auth().oauth2(alice).get("/projects/{id}/chats?status=active&pinned=false", projectId)
                .then().statusCode(200).body("title", equalTo(List.of("first", "Main conversation")));
        given().auth().oauth2(alice).get("/projects/{id}/chats?status=completed", projectId)
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void badListParametersGetAProblemBody() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "strict list");
        for (String query : List.of("after=garbage", "after=bm90IGEgY3Vyc29y", "after=%25%25", "status=deleted",
                "status=ACTIVE", "pinned=yes", "limit=0", "limit=201", "limit=many")) {
            given().auth().oauth2(alice).get("/projects/{id}/chats?" + query, projectId)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(alice).get("/projects/{id}/chats", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unreadCountsAreEachUsersOwnAndBusyFollowsTheRunningTurn() {
        String chatId = ChatLifecycleTest.createChat(alice, "unread");
        ProjectMembershipTest.share(alice, chatId, "bob", "viewer");
        UUID turn;
        try (RawProducer producer = RawProducer.create()) {
            turn = ChatEvents.asked(producer, chatId, "tenant-a", 1, "are you there?");
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}", chatId).then().body("messageCount", equalTo(1)).body("busy", equalTo(true))
                .body("unread", equalTo(1)));

        Envelope answer;
        try (RawProducer producer = RawProducer.create()) {
            answer = ChatEvents.answered(producer, chatId, "tenant-a", 3, turn, "yes");
            // Redelivered: counted once.
            ChatEvents.send(producer, answer);
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}", chatId).then().body("messageCount", equalTo(2)).body("busy", equalTo(false))
                .body("unread", equalTo(2)));
        String lastActivity = given().auth().oauth2(alice).get("/chats/{id}", chatId).then().extract()
                .path("lastActivityAt");
        assertThat(java.time.Instant.parse(lastActivity)).isEqualTo(
                answer.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS));

        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}").post("/chats/{id}/read", chatId)
                .then().statusCode(200).body("unread", equalTo(0));
        given().auth().oauth2(bob).get("/chats/{id}", chatId).then().statusCode(200).body("unread", equalTo(2));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"seq\":1}").post("/chats/{id}/read", chatId)
                .then().statusCode(200).body("unread", equalTo(1));
        // A read position never moves back.
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"seq\":1}")
                .post("/chats/{id}/read", chatId).then().statusCode(200).body("unread", equalTo(0));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"seq\":\"one\"}")
                .post("/chats/{id}/read", chatId).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bob).get("/projects/{id}/chats", (String) given().auth().oauth2(alice)
                .get("/chats/{id}", chatId).then().extract().path("projectId"))
                .then().statusCode(200).body("find { it.id == '" + chatId + "' }.unread", equalTo(1));
    }

    @Test
    void eachStoredMessageAndEachReadPositionThatMovedIsAnnouncedOnceOnTheChatsStream() {
        String chatId = ChatLifecycleTest.createChat(alice, "announced");
        ProjectMembershipTest.share(alice, chatId, "bob", "viewer");
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            long before = given().auth().oauth2(alice).get("/chats/{id}", chatId).then().extract().jsonPath()
                    .getLong("lifecycleSeq");
            Envelope answer;
            try (RawProducer producer = RawProducer.create()) {
                UUID turn = ChatEvents.asked(producer, chatId, "tenant-a", 1, "counted?");
                answer = ChatEvents.answered(producer, chatId, "tenant-a", 2, turn, "once");
                ChatEvents.send(producer, answer);
            }
            List<Envelope> activity = ChatLifecycleTest.awaitEvents(lifecycle, chatId, 2);
            assertThat(activity).extracting(Envelope::seq).containsExactly(before + 1, before + 2);
            ChatActivityChanged asked = (ChatActivityChanged) activity.get(0).payload();
            ChatActivityChanged answered = (ChatActivityChanged) activity.get(1).payload();
            assertThat(asked.messageCount()).isEqualTo(1);
            assertThat(asked.busy()).isTrue();
            assertThat(answered.messageCount()).isEqualTo(2);
            assertThat(answered.busy()).isFalse();
            assertThat(answered.lastActivityAt()).isEqualTo(answer.at().truncatedTo(ChronoUnit.MICROS));
            assertThat(answered.projectId().toString()).isEqualTo(given().auth().oauth2(alice)
                    .get("/chats/{id}", chatId).then().extract().path("projectId"));

            given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"seq\":1}")
                    .post("/chats/{id}/read", chatId).then().statusCode(200).body("unread", equalTo(1));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}").post("/chats/{id}/read", chatId)
                    .then().statusCode(200).body("unread", equalTo(0)).body("lifecycleSeq", equalTo(
                            (int) before + 4));
            // Neither a position that does not move nor one asked to move back is announced.
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}").post("/chats/{id}/read", chatId)
                    .then().statusCode(200);
            given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"seq\":0}")
                    .post("/chats/{id}/read", chatId).then().statusCode(200).body("unread", equalTo(1));

            List<Envelope> events = ChatLifecycleTest.awaitEvents(lifecycle, chatId, 4);
            ChatMarkedRead bobRead = (ChatMarkedRead) events.get(2).payload();
            ChatMarkedRead aliceRead = (ChatMarkedRead) events.get(3).payload();
            assertThat(bobRead.userId()).isEqualTo("bob");
            assertThat(bobRead.readCount()).isEqualTo(1);
            assertThat(bobRead.lastReadSeq()).isEqualTo(1);
            assertThat(aliceRead.userId()).isEqualTo("alice");
            assertThat(aliceRead.readCount()).isEqualTo(2);
            assertThat(events).extracting(Envelope::seq).containsExactly(before + 1, before + 2, before + 3,
                    before + 4);
            ChatLifecycleTest.assertNoMoreEvents(lifecycle, chatId, 4);
        }
    }
}
