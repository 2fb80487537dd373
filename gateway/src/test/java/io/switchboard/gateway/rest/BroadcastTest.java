package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** POST /api/broadcast: one SendMessage per chat, each with its chat's model; validated as a whole first. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class BroadcastTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void oneMessagePerChatEachWithItsOwnModelUnderOneClientMessageId() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String offline = KnownChats.of(producer, "tenant-a", "offline");
            String other = KnownChats.of(producer, "tenant-a", "other-model");

            given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", "compare-1")
                    .body(Map.of("text", "same question for both", "chatIds", List.of(offline, other), "delivery", "now"))
                    .post("/api/broadcast")
                    .then().statusCode(202)
                    .body("clientMessageId", equalTo("compare-1"))
                    .body("messages.chatId", containsInAnyOrder(offline, other))
                    .body("messages.clientMessageId", everyItem(equalTo("compare-1")))
                    .body("messages.model", containsInAnyOrder("offline", "other-model"));

            List<ConsumerRecord<String, byte[]>> records = commands.awaitRecords(
                    r -> r.key().equals(offline) || r.key().equals(other), 2, WAIT);
            assertThat(records).hasSize(2);
            Map<String, Envelope> byChat = records.stream().collect(Collectors.toMap(ConsumerRecord::key,
                    r -> EventJson.fromBytes(r.value()), (a, b) -> a));
            byChat.forEach((key, command) -> assertThat(command.chatId()).isEqualTo(key));
            Function<String, SendMessage> message = chatId -> byChat.get(chatId).payloadAs(SendMessage.class);
            assertThat(message.apply(offline).model()).isEqualTo("offline");
            assertThat(message.apply(other).model()).isEqualTo("other-model");
            assertThat(List.of(message.apply(offline), message.apply(other)))
                    .allSatisfy(m -> {
                        assertThat(m.text()).isEqualTo("same question for both");
                        assertThat(m.clientMessageId()).isEqualTo("compare-1");
                        assertThat(m.delivery()).isEqualTo(Delivery.NOW);
                        assertThat(m.userId()).isEqualTo("alice");
                    });
        }
    }

    @Test
    void oneChatOfAnotherTenantRefusesTheWholeBroadcastAndNothingIsSent() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String mine = KnownChats.of(producer, "tenant-a", "offline");
            String theirs = KnownChats.of(producer, "tenant-b", "offline");

            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("text", "to everyone", "chatIds", List.of(mine, theirs)))
                    .post("/api/broadcast")
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:not-found"));

            // A marker sent afterwards to the caller's own chat: once it arrives, a broadcast record would have too.
            given().auth().oauth2(alice).post("/api/chats/{id}/stop", mine).then().statusCode(202);
            commands.awaitRecord(r -> r.key().equals(mine), WAIT);
            assertThat(commands.records()).filteredOn(r -> r.key().equals(mine) || r.key().equals(theirs))
                    .extracting(r -> EventJson.fromBytes(r.value()).type()).containsExactly("StopTurn");
        }
    }

    @Test
    void badBroadcastsGetProblemBodies() {
        try (RawProducer producer = RawProducer.create()) {
            String mine = KnownChats.of(producer, "tenant-a", "offline");

            // neither chatIds nor projectId, then both
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                    .post("/api/broadcast").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("text", "hi", "chatIds", List.of(mine), "projectId", UUID.randomUUID().toString()))
                    .post("/api/broadcast").then().statusCode(400).contentType("application/problem+json");
            // no chat, the same chat twice, no text
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("text", "hi", "chatIds", List.of()))
                    .post("/api/broadcast").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("text", "hi", "chatIds", List.of(mine, mine)))
                    .post("/api/broadcast").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("text", " ", "chatIds", List.of(mine)))
                    .post("/api/broadcast").then().statusCode(400).body("violations[0].field", equalTo("text"));
            // over the limit (50 by default), refused before any chat is looked up
            List<String> tooMany = IntStream.range(0, 51).mapToObj(i -> UUID.randomUUID().toString()).toList();
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("text", "hi", "chatIds", tooMany))
                    .post("/api/broadcast").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("A broadcast may address at most 50 chats; this one addresses 51"));
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"text\":\"hi\",\"chatIds\":[\"" + mine + "\",null]}")
                    .post("/api/broadcast").then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void aProjectBroadcastNeedsSessionServiceAndSaysSoWhenItIsDown() {
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("text", "hi", "projectId", UUID.randomUUID().toString()))
                .post("/api/broadcast")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unavailable"))
                .body("status", equalTo(503));
    }

    @Test
    void theAnswerListsEveryChat() {
        try (RawProducer producer = RawProducer.create()) {
            List<String> chats = IntStream.range(0, 5).mapToObj(i -> KnownChats.of(producer, "tenant-a", "offline"))
                    .toList();
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("text", "five at once", "chatIds", chats))
                    .post("/api/broadcast")
                    .then().statusCode(202).body("messages", hasSize(5))
                    .body("messages.chatId", containsInAnyOrder(chats.toArray()));
        }
    }
}
