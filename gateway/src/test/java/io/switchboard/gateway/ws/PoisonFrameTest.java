package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.text.TextRules;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.gateway.PoisonTexts;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.core.Vertx;

/**
 * The REST poison corpus, over the socket: each bad text in each text field of each frame, values of the
 * wrong JSON type, bad project ids, frames that are no JSON object or nested beyond reason, unknown frame types and a 5 MB
 * message. Each gets an error frame naming the field (or a 1009 close for the message too big), never
 * {@code internal_error}; nothing reaches chat.commands; and another tenant's message is accepted afterwards.
 * The text limit counts code points as REST does, and the largest valid message in any script fits a frame.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class PoisonFrameTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WAVE = PoisonTexts.WAVE;
    private static final String WAVE_ESCAPED = PoisonTexts.WAVE_ESCAPED;
    private static final Map<String, String> BAD_TEXTS = PoisonTexts.BAD_TEXTS;
    private static final List<String> WRONG_TYPES = PoisonTexts.WRONG_TYPES;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private RawProducer producer;
    private RecordCollector commands;
    private String chatId;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        producer = RawProducer.create();
        commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS);
        chatId = GatewayFixtures.announceChat(producer, "tenant-p", "poisoner", "offline");
        SocketFixtures.awaitKnown(socket(), chatId);
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::close);
        commands.close();
        producer.close();
    }

    @Test
    void everyBadTextInEveryTextFieldOfEveryFrameIsAnInvalidFieldError() {
        String turn = UUID.randomUUID().toString();
        Map<String, String> send = Map.of("type", "\"send\"", "chatId", "\"" + chatId + "\"", "text", "\"hi\"",
                "clientMessageId", "\"ref-1\"");
        Map<String, String> edit = Map.of("type", "\"edit\"", "chatId", "\"" + chatId + "\"", "turnId",
                "\"" + turn + "\"", "text", "\"hi\"");

        int refused = 0;
        for (Map.Entry<Map<String, String>, List<String>> frame : Map.of(
                send, List.of("text", "model", "clientMessageId"), edit, List.of("text")).entrySet()) {
            for (String field : frame.getValue()) {
                // A socket per field: the rate limit's burst would otherwise answer part of the corpus.
                TestSocket socket = socket();
                for (Map.Entry<String, String> bad : BAD_TEXTS.entrySet()) {
                    JsonNode error = assertRefused(socket, with(frame.getKey(), field, bad.getKey()), "invalid_field",
                            field);
                    assertThat(error.path("message").asText()).isEqualTo(field + " " + bad.getValue());
                    assertThat(error.path("request").asText()).isEqualTo(frame.getKey().get("type").replace("\"", ""));
                    assertEchoes(error, field, frame.getKey() == send ? "clientMessageId" : "turnId");
                    refused++;
                }
                for (String wrong : WRONG_TYPES) {
                    assertRefused(socket, with(frame.getKey(), field, wrong), "invalid_field", field);
                    refused++;
                }
            }
        }

        assertThat(refused).as("four text fields, twelve bad values each").isEqualTo(4 * 12);
        anotherTenantsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    @Test
    void wrongTypesBadIdsUnknownTypesAndFramesThatAreNoJsonObjectGetErrorFrames() {
        String chat = "\"chatId\":\"" + chatId + "\"";
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        TestSocket socket = socket();
        assertRefused(socket, "{\"type\":\"send\"," + chat + ",\"text\":\"hi\",\"delivery\":1}", "invalid_field",
                "delivery");
        assertRefused(socket, "{\"type\":\"send\"," + chat + ",\"text\":\"hi\",\"delivery\":{\"a\":1}}",
                "invalid_field", "delivery");
        assertRefused(socket, "{\"type\":\"send\"," + chat + ",\"text\":\"hi\",\"delivery\":\"now\\u0000\"}",
                "invalid_field", "delivery");
        assertRefused(socket, "{\"type\":\"send\"," + chat + "}", "missing_field", "text");
        assertRefused(socket, "{\"type\":\"edit\"," + chat + ",\"turnId\":42,\"text\":\"hi\"}", "invalid_field",
                "turnId");
        assertRefused(socket, "{\"type\":\"cancel\"," + chat + ",\"turnId\":\"a\\u0000\"}", "invalid_field",
                "turnId");
        assertRefused(socket, "{\"type\":\"subscribe\"," + chat + ",\"afterSeq\":\"1\"}", "invalid_field",
                "afterSeq");
        assertRefused(socket, "{\"type\":\"subscribe\"," + chat + ",\"afterSeq\":1.5}", "invalid_field", "afterSeq");
        assertRefused(socket, "{\"type\":\"subscribe\"," + chat + ",\"after\":{\"chat\":\"x\"}}", "invalid_field",
                "after.chat");
        assertRefused(socket, "{\"type\":\"subscribe\"," + chat + ",\"after\":{\"w\\u0000\":1}}", "invalid_field",
                "after");
        assertRefused(socket, "{\"type\":\"subscribe\"," + chat + ",\"after\":\"x\"}", "invalid_field", "after");
        assertRefused(socket, "{\"type\":\"subscribe\"," + chat + ",\"after\":[1]}", "invalid_field", "after");
        for (String type : List.of("subscribe", "unsubscribe", "send", "stop", "cancel", "edit")) {
            assertRefused(socket, "{\"type\":\"" + type + "\",\"chatId\":42}", "invalid_chat_id", null);
            assertRefused(socket, "{\"type\":\"" + type + "\",\"chatId\":\"" + chatId + "\\u0000\"}",
                    "invalid_chat_id", null);
        }

        for (String type : List.of("subscribe_project", "unsubscribe_project")) {
            assertRefused(socket, "{\"type\":\"" + type + "\"}", "missing_field", "projectId");
            assertRefused(socket, "{\"type\":\"" + type + "\",\"projectId\":42}", "invalid_field", "projectId");
            assertRefused(socket, "{\"type\":\"" + type + "\",\"projectId\":\"" + chatId + "\\u0000\"}",
                    "invalid_field", "projectId");
        }
        String project = UUID.randomUUID().toString();
        JsonNode notFollowed = assertRefused(socket, "{\"type\":\"unsubscribe_project\",\"projectId\":\""
                + project + "\"}", "not_subscribed", null);
        assertThat(notFollowed.path("projectId").asText()).isEqualTo(project);
        // session-service, which answers the snapshot, does not run in this JVM: the sidebar waits to be asked again.
        JsonNode unavailable = assertRefused(socket, "{\"type\":\"subscribe_project\",\"projectId\":\""
                + project.toUpperCase() + "\"}", "unavailable", null);
        assertThat(unavailable.path("projectId").asText()).isEqualTo(project);
        assertRefused(socket, "{\"type\":\"unsubscribe_project\",\"projectId\":\"" + project + "\"}",
                "not_subscribed", null);

        TestSocket more = socket();
        JsonNode unknown = assertRefused(more, "{\"type\":\"send\\u0000\"," + chat + ",\"text\":\"hi\"}",
                "unknown_type", null);
        // The type is echoed only when the gateway knows it.
        assertThat(unknown.has("request")).isFalse();
        assertRefused(more, "{\"type\":\"\\uD83D\"}", "unknown_type", null);
        assertRefused(more, "{\"type\":\"" + "t".repeat(100_000) + "\"}", "unknown_type", null);
        assertRefused(more, "{\"type\":42}", "missing_field", null);
        assertRefused(more, "{\"type\":[\"send\"]," + chat + "}", "missing_field", null);
        assertRefused(more, deep, "malformed_json", null);
        assertRefused(more, "[".repeat(100_000), "malformed_json", null);
        assertRefused(more, "{\"type\":\"ping\",\"extra\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "malformed_json", null);
        assertRefused(more, "{\"type\":\"send\"," + chat + ",\"text\":\"hi\"} trailing", "malformed_json", null);
        assertRefused(more, "{not json", "malformed_json", null);
        assertRefused(more, "\"send\"", "missing_field", null);
        assertRefused(more, "null", "missing_field", null);

        assertThat(socket.framesOfType("error")).noneMatch(f -> f.path("code").asText().equals("internal_error"));
        assertThat(more.framesOfType("error")).noneMatch(f -> f.path("code").asText().equals("internal_error"));
        assertThat(socket.closeStatus()).isNull();
        assertThat(more.closeStatus()).isNull();
        anotherTenantsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    @Test
    void theLongestValidTextInAnyScriptAndAnyEscapingIsAcceptedAndOneMoreCodePointIsNot() {
        TestSocket socket = socket();
        String emoji = WAVE.repeat(32_000);
        String cjk = "\u4E00".repeat(32_000);
        String frame = "{\"type\":\"send\",\"chatId\":\"" + chatId + "\",\"clientMessageId\":\"%s\",\"text\":\"%s\"}";

        // 32,000 emoji are 128 KB of UTF-8; escaped as a JSON encoder may write them, 384 KB.
        assertAccepted(socket.request(frame.formatted("emoji", emoji), "accepted"));
        assertAccepted(socket.request(frame.formatted("emoji-escaped", WAVE_ESCAPED.repeat(32_000)), "accepted"));
        assertAccepted(socket.request(frame.formatted("cjk", cjk), "accepted"));
        assertAccepted(socket.request(frame.formatted("cjk-escaped", "\\u4E00".repeat(32_000)), "accepted"));
        assertAccepted(socket.request("{\"type\":\"edit\",\"chatId\":\"" + chatId + "\",\"turnId\":\""
                + UUID.randomUUID() + "\",\"text\":\"" + WAVE_ESCAPED.repeat(32_000) + "\"}", "accepted"));

        JsonNode tooLong = assertRefused(socket, frame.formatted("one-more", emoji + WAVE), "invalid_field", "text");
        assertThat(tooLong.path("message").asText()).isEqualTo("text must be at most 32000 characters");
        assertThat(tooLong.path("clientMessageId").asText()).isEqualTo("one-more");
        assertThat(socket.closeStatus()).as("not closed for size").isNull();

        List<ConsumerRecord<String, byte[]>> records = commands.awaitRecords(r -> chatId.equals(r.key()), 5, WAIT);
        assertThat(records).hasSize(5);
        List<String> texts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope command = EventJson.fromBytes(record.value());
            assertThat(command.chatId()).isEqualTo(record.key());
            assertThat(command.tenantId()).isEqualTo("tenant-p");
            texts.add(command.payload() instanceof SendMessage message ? message.text()
                    : command.payloadAs(EditQueuedTurn.class).text());
        }
        assertThat(texts).allMatch(text -> TextRules.codePoints(text) == 32_000)
                .containsExactlyInAnyOrder(emoji, emoji, cjk, cjk, emoji);
    }

    @Test
    void a5MegabyteMessageClosesOnlyItsOwnConnectionWith1009() {
        TestSocket bystander = socket();
        TestSocket sender = socket();

        sender.send("{\"type\":\"send\",\"chatId\":\"" + chatId + "\",\"text\":\"" + "x".repeat(5 * 1024 * 1024)
                + "\"}");

        assertThat(sender.awaitClose(WAIT)).isEqualTo((short) 1009);
        assertThat(bystander.request("{\"type\":\"ping\"}", "pong").path("type").asText()).isEqualTo("pong");
        anotherTenantsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    /** A tenant untouched by the poison sends an ordinary message and gets it accepted, keyed by its chat. */
    private void anotherTenantsMessageIsStillAccepted() {
        TestSocket other = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-q", "quinn"));
        sockets.add(other);
        String otherChat = GatewayFixtures.announceChat(producer, "tenant-q", "quinn", "offline");
        SocketFixtures.awaitKnown(other, otherChat);

        JsonNode accepted = other.request("{\"type\":\"send\",\"chatId\":\"" + otherChat
                + "\",\"text\":\"still there?\",\"clientMessageId\":\"after-poison\"}", "accepted");

        assertThat(accepted.path("type").asText()).isEqualTo("accepted");
        ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> otherChat.equals(r.key()), WAIT);
        Envelope command = EventJson.fromBytes(record.value());
        assertThat(command.chatId()).isEqualTo(record.key());
        assertThat(command.payloadAs(SendMessage.class).clientMessageId()).isEqualTo("after-poison");
    }

    private JsonNode assertRefused(TestSocket socket, String frame, String code, String field) {
        JsonNode answer = socket.request(frame, "accepted");
        String shown = frame.length() > 80 ? frame.substring(0, 80) + "..." : frame;
        assertThat(answer.path("type").asText()).as(shown).isEqualTo("error");
        assertThat(answer.path("code").asText()).as(shown).isEqualTo(code);
        if (field != null) {
            assertThat(answer.path("field").asText()).as(shown).isEqualTo(field);
            assertThat(answer.path("message").asText()).as(shown).startsWith(field + " ");
        }
        return answer;
    }

    private static void assertAccepted(JsonNode answer) {
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("accepted");
    }

    /** The client's reference comes back only when it is itself valid: never the poison. */
    private static void assertEchoes(JsonNode error, String spoiled, String refField) {
        if (spoiled.equals(refField)) {
            assertThat(error.has(refField)).as(error.toString()).isFalse();
        } else {
            assertThat(error.path(refField).asText()).as(error.toString()).isNotEmpty();
        }
    }

    private static String with(Map<String, String> frame, String field, String literal) {
        Map<String, String> spoiled = new LinkedHashMap<>(frame);
        spoiled.put(field, literal);
        StringBuilder json = new StringBuilder("{");
        spoiled.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
    }

    private TestSocket socket() {
        TestSocket socket = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-p", "poisoner"));
        sockets.add(socket);
        return socket;
    }
}
