package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** Every turn command over REST: ownership-checked, keyed by chatId on chat.commands, answered 202. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ChatCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String alice = TestTokens.bearer("tenant-a", "alice");
    private final String mallory = TestTokens.bearer("tenant-b", "mallory");

    @Test
    void aMessageMayOverrideTheModelAndBeSentNow() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = knownChat(producer, "offline");

            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"text\":\"do this first\",\"model\":\"gpt-test\",\"delivery\":\"now\",\"clientMessageId\":\"m-now\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(202)
                    .body("chatId", equalTo(chatId)).body("clientMessageId", equalTo("m-now"))
                    .body("model", equalTo("gpt-test")).body("delivery", equalTo("now"));

            SendMessage message = only(commands, chatId, "m-now").payloadAs(SendMessage.class);
            assertThat(message.model()).isEqualTo("gpt-test");
            assertThat(message.delivery()).isEqualTo(Delivery.NOW);
            assertThat(message.userId()).isEqualTo("alice");
        }
    }

    @Test
    void aMessageWithoutDeliveryIsQueuedWithTheChatsModel() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = knownChat(producer, "chat-model");

            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"text\":\"later is fine\",\"clientMessageId\":\"m-queue\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(202).body("model", equalTo("chat-model")).body("delivery", equalTo("queue"));

            SendMessage message = only(commands, chatId, "m-queue").payloadAs(SendMessage.class);
            assertThat(message.model()).isEqualTo("chat-model");
            assertThat(message.effectiveDelivery()).isEqualTo(Delivery.QUEUE);
        }
    }

    @Test
    void stopBecomesAStopTurnKeyedByTheChat() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = knownChat(producer, "offline");

            String commandId = given().auth().oauth2(alice).post("/api/chats/{id}/stop", chatId)
                    .then().statusCode(202)
                    .body("chatId", equalTo(chatId)).body("command", equalTo("StopTurn"))
                    .extract().path("commandId");

            Envelope stop = awaitCommand(commands, chatId, "StopTurn");
            assertThat(stop.id()).hasToString(commandId);
            assertThat(stop.tenantId()).isEqualTo("tenant-a");
            assertThat(stop.payloadAs(StopTurn.class).userId()).isEqualTo("alice");
        }
    }

    @Test
    void cancelByPostOrDeleteBecomesCancelTurnNamingTheTurn() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = knownChat(producer, "offline");
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();

            given().auth().oauth2(alice).post("/api/chats/{id}/turns/{turn}/cancel", chatId, first)
                    .then().statusCode(202).body("command", equalTo("CancelTurn")).body("turnId", equalTo(first.toString()));
            given().auth().oauth2(alice).delete("/api/chats/{id}/turns/{turn}", chatId, second)
                    .then().statusCode(202).body("command", equalTo("CancelTurn")).body("turnId", equalTo(second.toString()));

            List<Envelope> cancels = awaitCommands(commands, chatId, "CancelTurn", 2);
            assertThat(cancels).extracting(e -> e.payloadAs(CancelTurn.class).turnId()).containsExactly(first, second);
            assertThat(cancels).extracting(Envelope::turnId).containsExactly(first, second);
            assertThat(cancels).extracting(e -> e.payloadAs(CancelTurn.class).userId()).containsOnly("alice");
        }
    }

    @Test
    void putOrPatchOnATurnEditsItsQueuedText() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = knownChat(producer, "offline");
            UUID turn = UUID.randomUUID();

            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"better wording\"}")
                    .put("/api/chats/{id}/turns/{turn}", chatId, turn)
                    .then().statusCode(202).body("command", equalTo("EditQueuedTurn"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"best wording\"}")
                    .patch("/api/chats/{id}/turns/{turn}", chatId, turn)
                    .then().statusCode(202).body("turnId", equalTo(turn.toString()));

            List<Envelope> edits = awaitCommands(commands, chatId, "EditQueuedTurn", 2);
            assertThat(edits).extracting(e -> e.payloadAs(EditQueuedTurn.class).text())
                    .containsExactly("better wording", "best wording");
            assertThat(edits).extracting(e -> e.payloadAs(EditQueuedTurn.class).turnId()).containsOnly(turn);
            assertThat(edits).extracting(Envelope::turnId).containsOnly(turn);
        }
    }

    @Test
    void anotherTenantsChatIsNotFoundForEveryCommandAndNothingIsProduced() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = knownChat(producer, "offline");
            UUID turn = UUID.randomUUID();

            List.of(
                    given().auth().oauth2(mallory).contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                            .post("/api/chats/{id}/messages", chatId),
                    given().auth().oauth2(mallory).post("/api/chats/{id}/stop", chatId),
                    given().auth().oauth2(mallory).post("/api/chats/{id}/turns/{turn}/cancel", chatId, turn),
                    given().auth().oauth2(mallory).delete("/api/chats/{id}/turns/{turn}", chatId, turn),
                    given().auth().oauth2(mallory).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                            .put("/api/chats/{id}/turns/{turn}", chatId, turn),
                    given().auth().oauth2(mallory).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                            .patch("/api/chats/{id}/turns/{turn}", chatId, turn))
                    .forEach(response -> response.then().statusCode(404)
                            .contentType("application/problem+json")
                            .body("type", equalTo("urn:switchboard:problem:not-found"))
                            .body("detail", not(containsString("tenant-a"))));

            // A marker the owner sends afterwards: once it is on the topic, anything mallory caused would be too.
            given().auth().oauth2(alice).post("/api/chats/{id}/stop", chatId).then().statusCode(202);
            awaitCommand(commands, chatId, "StopTurn");
            assertThat(commands.records()).filteredOn(r -> chatId.equals(r.key()))
                    .extracting(r -> EventJson.fromBytes(r.value()).tenantId()).containsExactly("tenant-a");
        }
    }

    @Test
    void invalidCommandsGetProblemBodies() {
        try (RawProducer producer = RawProducer.create()) {
            String chatId = knownChat(producer, "offline");
            UUID turn = UUID.randomUUID();

            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"  \"}")
                    .put("/api/chats/{id}/turns/{turn}", chatId, turn)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("text"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                    .patch("/api/chats/{id}/turns/{turn}", chatId, turn)
                    .then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"hi\",\"delivery\":\"later\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("delivery"))
                    .body("violations[0].message", equalTo("must be one of [queue, now]"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":[1,2]}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("text"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"hi\",\"model\":\"no spaces\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("model"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", "not valid!")
                    .body("{\"text\":\"hi\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(alice).post("/api/chats/{id}/turns/{turn}/cancel", chatId, "not-a-uuid")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    /** A chat of tenant-a that the gateway has learned from session.lifecycle. */
    private static String knownChat(RawProducer producer, String model) {
        return KnownChats.of(producer, "tenant-a", model);
    }

    private static Envelope only(RecordCollector commands, String chatId, String clientMessageId) {
        ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> chatId.equals(r.key()), WAIT);
        Envelope command = EventJson.fromBytes(record.value());
        assertThat(command.chatId()).isEqualTo(record.key());
        assertThat(command.payloadAs(SendMessage.class).clientMessageId()).isEqualTo(clientMessageId);
        return command;
    }

    private static Envelope awaitCommand(RecordCollector commands, String chatId, String type) {
        return awaitCommands(commands, chatId, type, 1).get(0);
    }

    private static List<Envelope> awaitCommands(RecordCollector commands, String chatId, String type, int count) {
        List<ConsumerRecord<String, byte[]>> records = commands.awaitRecords(
                r -> chatId.equals(r.key()) && type.equals(EventJson.fromBytes(r.value()).type()), count, WAIT);
        records.forEach(r -> assertThat(EventJson.fromBytes(r.value()).chatId()).isEqualTo(r.key()));
        return records.stream().map(r -> EventJson.fromBytes(r.value())).toList();
    }
}
