package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SendMessageTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void aMessageBecomesASendMessageCommandKeyedByItsChat() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = GatewayFixtures.announceChat(producer, "tenant-a", "offline");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(alice)
                    .contentType(ContentType.JSON).header("Idempotency-Key", "msg-1")
                    .body("{\"text\":\"hello there\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(202).body("clientMessageId", equalTo("msg-1")).body("model", equalTo("offline")));

            ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> chatId.equals(r.key()),
                    Duration.ofSeconds(20));
            Envelope command = EventJson.fromBytes(record.value());
            assertThat(command.chatId()).isEqualTo(record.key());
            assertThat(command.tenantId()).isEqualTo("tenant-a");
            SendMessage message = command.payloadAs(SendMessage.class);
            assertThat(message.userId()).isEqualTo("alice");
            assertThat(message.text()).isEqualTo("hello there");
            assertThat(message.clientMessageId()).isEqualTo("msg-1");
        }
    }

    @Test
    void anotherTenantsChatIsNotFoundAndNothingIsSent() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = GatewayFixtures.announceChat(producer, "tenant-a", "offline");
            // Wait until the gateway knows the chat, so the refusal below is about ownership.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(alice)
                    .contentType(ContentType.JSON).body("{\"text\":\"mine\"}")
                    .post("/api/chats/{id}/messages", chatId).then().statusCode(202));

            given().auth().oauth2(TestTokens.bearer("tenant-b", "mallory")).contentType(ContentType.JSON)
                    .body("{\"text\":\"not mine\"}")
                    .post("/api/chats/{id}/messages", chatId)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));

            commands.awaitRecord(r -> chatId.equals(r.key()), Duration.ofSeconds(20));
            assertThat(commands.records()).filteredOn(r -> chatId.equals(r.key()))
                    .extracting(r -> EventJson.fromBytes(r.value()).payloadAs(SendMessage.class).text())
                    .containsExactly("mine");
        }
    }

    @Test
    void badRequestsGetProblemBodies() {
        String chatId = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                .post("/api/chats/{id}/messages", chatId).then().statusCode(401);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"  \"}")
                .post("/api/chats/{id}/messages", chatId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("text"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":")
                .post("/api/chats/{id}/messages", chatId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .header("Idempotency-Key", "a").body("{\"text\":\"x\",\"clientMessageId\":\"b\"}")
                .post("/api/chats/{id}/messages", chatId)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"" + "x".repeat(32001) + "\"}")
                .post("/api/chats/{id}/messages", chatId)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
