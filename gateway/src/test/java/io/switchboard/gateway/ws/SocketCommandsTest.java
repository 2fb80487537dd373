package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.core.Vertx;

/** send, stop, cancel and edit over the socket become commands on chat.commands keyed by their chat. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SocketCommandsTest {

    private static final Duration TIMEOUT = TestSocket.TIMEOUT;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private RawProducer producer;
    private RecordCollector commands;
    private TestSocket socket;
    private String chatId;
    private int taken;

    @BeforeEach
    void start() {
        producer = RawProducer.create();
        commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS);
        socket = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-c", "carol"));
        chatId = GatewayFixtures.announceChat(producer, "tenant-c", "carol", "offline");
        SocketFixtures.awaitKnown(socket, chatId);
    }

    @AfterEach
    void stop() {
        socket.close();
        commands.close();
        producer.close();
    }

    @Test
    void sendBecomesASendMessageKeyedByItsChatAndIsAcceptedOnceInKafka() {
        JsonNode accepted = socket.request("{\"type\":\"send\",\"chatId\":\"" + chatId + "\",\"text\":\"hello there\","
                + "\"clientMessageId\":\"ws-msg-1\",\"model\":\"offline-fast\",\"delivery\":\"now\"}", "accepted");

        assertThat(accepted.path("command").asText()).isEqualTo("send");
        assertThat(accepted.path("chatId").asText()).isEqualTo(chatId);
        assertThat(accepted.path("clientMessageId").asText()).isEqualTo("ws-msg-1");
        assertThat(accepted.path("model").asText()).isEqualTo("offline-fast");
        Envelope command = command();
        assertThat(command.tenantId()).isEqualTo("tenant-c");
        SendMessage message = command.payloadAs(SendMessage.class);
        assertThat(message.userId()).isEqualTo("carol");
        assertThat(message.text()).isEqualTo("hello there");
        assertThat(message.clientMessageId()).isEqualTo("ws-msg-1");
        assertThat(message.model()).isEqualTo("offline-fast");
        assertThat(message.delivery()).isEqualTo(Delivery.NOW);
    }

    @Test
    void aBurstOfSendsOnOneSocketIsAllAcceptedAndKeepsEachChatsOrder() {
        String otherChat = GatewayFixtures.announceChat(producer, "tenant-c", "carol", "offline");
        SocketFixtures.awaitKnown(socket, otherChat);
        int before = socket.frames().size();
        Map<String, List<String>> sentTo = Map.of(chatId, new ArrayList<>(), otherChat, new ArrayList<>());
        // Written back to back, without waiting for any answer, alternating between the two chats.
        for (int i = 0; i < 30; i++) {
            String chat = i % 2 == 0 ? chatId : otherChat;
            String id = "burst-" + i;
            sentTo.get(chat).add(id);
            socket.send("{\"type\":\"send\",\"chatId\":\"" + chat + "\",\"text\":\"message " + i
                    + "\",\"clientMessageId\":\"" + id + "\"}");
        }
        await().atMost(TIMEOUT).until(() -> answersAfter(before).size() >= 30);

        List<JsonNode> answers = answersAfter(before);
        assertThat(answers).extracting(answer -> answer.path("type").asText()).containsOnly("accepted");
        sentTo.forEach((chat, expected) -> {
            assertThat(answers).filteredOn(answer -> chat.equals(answer.path("chatId").asText()))
                    .extracting(answer -> answer.path("clientMessageId").asText())
                    .as("accepted frames of one chat come in the order its messages were sent")
                    .containsExactlyElementsOf(expected);
            List<ConsumerRecord<String, byte[]>> records = commands.awaitRecords(r -> chat.equals(r.key()),
                    expected.size(), TIMEOUT);
            assertThat(records).extracting(record -> EventJson.fromBytes(record.value())
                            .payloadAs(SendMessage.class).clientMessageId())
                    .as("the chat's commands are on chat.commands, keyed by it, in the order sent")
                    .containsExactlyElementsOf(expected);
        });
    }

    private List<JsonNode> answersAfter(int before) {
        return socket.frames().stream().skip(before)
                .filter(frame -> Set.of("accepted", "error").contains(frame.path("type").asText())).toList();
    }

    @Test
    void sendWithoutOptionalFieldsUsesTheChatsModelAndAFreshMessageId() {
        JsonNode accepted = socket.request("{\"type\":\"send\",\"chatId\":\"" + chatId + "\",\"text\":\"plain\"}",
                "accepted");

        SendMessage message = command().payloadAs(SendMessage.class);
        assertThat(message.model()).isEqualTo("offline");
        assertThat(message.delivery()).isNull();
        assertThat(message.clientMessageId()).isNotBlank().isEqualTo(accepted.path("clientMessageId").asText());
    }

    @Test
    void stopCancelAndEditBecomeTheirCommandsForTheNamedTurn() {
        UUID turn = UUID.randomUUID();

        // A chatId in capitals names the same chat; the command carries the canonical form.
        JsonNode stopped = socket.request("{\"type\":\"stop\",\"chatId\":\"" + chatId.toUpperCase() + "\"}",
                "accepted");
        assertThat(stopped.path("command").asText()).isEqualTo("stop");
        assertThat(stopped.path("chatId").asText()).isEqualTo(chatId);
        Envelope stop = command();
        assertThat(stop.payloadAs(StopTurn.class).userId()).isEqualTo("carol");
        assertThat(stop.turnId()).as("a stop naming no turn stops whichever runs").isNull();

        JsonNode stoppedTurn = socket.request("{\"type\":\"stop\",\"chatId\":\"" + chatId + "\",\"turnId\":\""
                + turn + "\"}", "accepted");
        assertThat(stoppedTurn.path("turnId").asText()).isEqualTo(turn.toString());
        assertThat(command().turnId()).as("a stop naming its turn stops only that one").isEqualTo(turn);

        JsonNode cancelled = socket.request("{\"type\":\"cancel\",\"chatId\":\"" + chatId + "\",\"turnId\":\"" + turn
                + "\"}", "accepted");
        assertThat(cancelled.path("turnId").asText()).isEqualTo(turn.toString());
        Envelope cancel = command();
        assertThat(cancel.turnId()).isEqualTo(turn);
        assertThat(cancel.payloadAs(CancelTurn.class)).isEqualTo(new CancelTurn(turn, "carol"));

        JsonNode edited = socket.request("{\"type\":\"edit\",\"chatId\":\"" + chatId + "\",\"turnId\":\"" + turn
                + "\",\"text\":\"better wording\"}", "accepted");
        assertThat(edited.path("command").asText()).isEqualTo("edit");
        assertThat(command().payloadAs(EditQueuedTurn.class)).isEqualTo(new EditQueuedTurn(turn, "carol", "better wording"));
    }

    @Test
    void badCommandsGetErrorFramesAndSendNothing() {
        String chat = "\"chatId\":\"" + chatId + "\"";
        assertError("{\"type\":\"send\"," + chat + "}", "missing_field");
        assertError("{\"type\":\"send\"," + chat + ",\"text\":\"   \"}", "invalid_field");
        assertError("{\"type\":\"send\"," + chat + ",\"text\":42}", "invalid_field");
        assertError("{\"type\":\"send\"," + chat + ",\"text\":\"" + "x".repeat(32_001) + "\"}", "invalid_field");
        assertError("{\"type\":\"send\"," + chat + ",\"text\":\"hi\",\"delivery\":\"later\"}", "invalid_field");
        assertError("{\"type\":\"send\"," + chat + ",\"text\":\"hi\",\"clientMessageId\":\"no spaces\"}", "invalid_field");
        assertError("{\"type\":\"send\"," + chat + ",\"text\":\"hi\",\"model\":\"bad model!\"}", "invalid_field");
        assertError("{\"type\":\"send\",\"text\":\"hi\"}", "missing_field");
        assertError("{\"type\":\"send\",\"chatId\":\"chat-1\",\"text\":\"hi\"}", "invalid_chat_id");
        assertError("{\"type\":\"cancel\"," + chat + "}", "missing_field");
        assertError("{\"type\":\"cancel\"," + chat + ",\"turnId\":\"turn-1\"}", "invalid_field");
        assertError("{\"type\":\"edit\"," + chat + ",\"turnId\":\"" + UUID.randomUUID() + "\"}", "missing_field");
        assertError("{\"type\":\"subscribe\"," + chat + ",\"after\":{\"weather\":1}}", "invalid_field");
        assertError("[1,2]", "missing_field");
        assertError("{\"type\":\"send\"", "malformed_json");
        assertError("{\"type\":\"launch\"}", "unknown_type");

        JsonNode error = socket.request("{\"type\":\"send\"," + chat + ",\"text\":\"\",\"clientMessageId\":\"ref-9\"}",
                "accepted");
        assertThat(error.path("clientMessageId").asText()).isEqualTo("ref-9");
        assertThat(error.path("request").asText()).isEqualTo("send");

        socket.request("{\"type\":\"send\"," + chat + ",\"text\":\"the only one\"}", "accepted");
        assertThat(command().payloadAs(SendMessage.class).text()).isEqualTo("the only one");
        assertThat(commands.records()).filteredOn(record -> chatId.equals(record.key())).hasSize(1);
    }

    private void assertError(String frame, String code) {
        JsonNode answer = socket.request(frame, "accepted");
        assertThat(answer.path("type").asText()).as(frame).isEqualTo("error");
        assertThat(answer.path("code").asText()).as(frame).isEqualTo(code);
    }

    /** The chat's next command on chat.commands; its Kafka key must be its chatId. */
    private Envelope command() {
        ConsumerRecord<String, byte[]> record = commands.awaitRecords(r -> chatId.equals(r.key()), taken + 1, TIMEOUT)
                .get(taken++);
        Envelope command = EventJson.fromBytes(record.value());
        assertThat(record.key()).isEqualTo(chatId).isEqualTo(command.chatId());
        return command;
    }
}
