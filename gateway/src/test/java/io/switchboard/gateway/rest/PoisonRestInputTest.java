package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

/**
 * A corpus of poison input through every REST route that takes a body: each bad text in each text field,
 * values of the wrong JSON type, bodies that are no JSON object, nested beyond reason or far too large, and
 * bad {@code Idempotency-Key} headers. Each gets a 4xx problem naming the field, never a 5xx and never a
 * 202; nothing reaches chat.commands; and another tenant's ordinary message is accepted afterwards. Text
 * limits count code points, so 32,000 emoji are a valid message.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class PoisonRestInputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WAVE = PoisonTexts.WAVE;
    private static final String WAVE_ESCAPED = PoisonTexts.WAVE_ESCAPED;
    private static final Map<String, String> BAD_TEXTS = PoisonTexts.BAD_TEXTS;
    private static final List<String> WRONG_TYPES = PoisonTexts.WRONG_TYPES;

    @TestHTTPResource("/")
    URI base;

    private final String alice = TestTokens.bearer("tenant-a", "alice");
    private final String bob = TestTokens.bearer("tenant-b", "bob");
    private RawProducer producer;
    private RecordCollector commands;

    /** A route with a JSON body: its text fields, and a valid body to spoil one field at a time. */
    private record Route(String name, Map<String, String> validBody, Function<RequestSpecification, Response> call) {

        Response send(String token, String body) {
            return call.apply(given().config(plainLogs()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(body));
        }

        /** The failure log would pretty-print a body nested 100,000 deep, indenting each level: out of memory. */
        private static RestAssuredConfig plainLogs() {
            return RestAssured.config().logConfig(RestAssured.config().getLogConfig().enablePrettyPrinting(false));
        }

        String with(String field, String literal) {
            Map<String, String> body = new LinkedHashMap<>(validBody);
            body.put(field, literal);
            return body.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
    }

    @BeforeEach
    void start() {
        producer = RawProducer.create();
        commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS);
    }

    @AfterEach
    void stop() {
        commands.close();
        producer.close();
    }

    @Test
    void everyBadTextInEveryFieldOfEveryRouteIsA400NamingTheFieldAndNothingIsSent() {
        String chatId = KnownChats.of(producer, "tenant-a", "offline");
        List<Route> routes = routes(chatId);
        Map<String, List<String>> textFields = Map.of(
                "send", List.of("text", "model", "clientMessageId"),
                "edit (PUT)", List.of("text"),
                "edit (PATCH)", List.of("text"),
                "broadcast", List.of("text", "clientMessageId"),
                "create project", List.of("name"),
                "create chat", List.of("title", "model"),
                "rename chat", List.of("title", "description", "model"),
                "fork", List.of("title"),
                "create view", List.of("name"));

        int refused = 0;
        for (Route route : routes) {
            for (String field : textFields.get(route.name())) {
                for (Map.Entry<String, String> bad : BAD_TEXTS.entrySet()) {
                    route.send(alice, route.with(field, bad.getKey()))
                            .then()
                            .statusCode(400).contentType("application/problem+json")
                            .body("type", equalTo("urn:switchboard:problem:invalid-request"))
                            .body("violations.field", hasItem(field))
                            .body("violations.message", hasItem(bad.getValue()));
                    refused++;
                }
                for (String wrong : WRONG_TYPES) {
                    route.send(alice, route.with(field, wrong))
                            .then()
                            .statusCode(400).contentType("application/problem+json")
                            .body("violations.field", hasItem(field));
                    refused++;
                }
            }
        }

        assertThat(refused).as("fifteen text fields, twelve bad values each").isEqualTo(15 * 12);
        bobsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    @Test
    void bodiesThatAreNoObjectOrNestedBeyondReasonAre400Problems() {
        String chatId = KnownChats.of(producer, "tenant-a", "offline");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        List<String> bodies = List.of(
                deep,
                "[".repeat(100_000),
                "{\"text\":\"hi\",\"extra\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "{\"text\":",
                "{\"text\":\"hi\"} trailing",
                "{\"text\":\"hi\"} {}",
                "[]",
                "\"text\"",
                "42",
                "null",
                "");

        for (Route route : routes(chatId)) {
            for (String body : bodies) {
                Response answer = route.send(alice, body);
                // A chat may be created without a body: then it is passed on, to a session-service not running here.
                boolean noBody = body.isEmpty() || body.equals("null");
                int expected = noBody && route.name().equals("create chat") ? 503 : 400;
                String what = route.name() + " " + abbreviate(body) + " -> " + answer.asString();
                assertThat(answer.statusCode()).as(what).isEqualTo(expected);
                assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            }
        }

        // Deep nesting is refused by the JSON reader's limit (1000 levels), even in a field nobody reads.
        Response nested = routes(chatId).get(0).send(alice,
                "{\"text\":\"hi\",\"extra\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.jsonPath().getString("type")).isEqualTo("urn:switchboard:problem:malformed-body");

        bobsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    @Test
    void aBodyAnnouncedAt5MegabytesIsA413ProblemBeforeItIsRead() throws IOException {
        String chatId = KnownChats.of(producer, "tenant-a", "offline");
        UUID turn = UUID.randomUUID();
        int fiveMegabytes = 5 * 1024 * 1024;
        byte[] start = ("{\"text\":\"" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
        List<String> requestLines = List.of(
                "POST /api/chats/" + chatId + "/messages HTTP/1.1",
                "PUT /api/chats/" + chatId + "/turns/" + turn + " HTTP/1.1",
                "PATCH /api/chats/" + chatId + "/turns/" + turn + " HTTP/1.1",
                "POST /api/broadcast HTTP/1.1",
                "POST /api/projects HTTP/1.1",
                "POST /api/projects/" + UUID.randomUUID() + "/chats HTTP/1.1");

        for (String requestLine : requestLines) {
            RawHttp.Answer answer = RawHttp.exchange(base, requestLine, start, "Authorization: Bearer " + alice,
                    "Content-Type: application/json", "Content-Length: " + fiveMegabytes);

            assertThat(answer.status()).as(requestLine).isEqualTo(413);
            assertThat(answer.head().toLowerCase()).contains("content-type: application/problem+json");
            assertThat(answer.body()).contains("urn:switchboard:problem:payload-too-large");
        }

        bobsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    @Test
    void aBadIdempotencyKeyIsA400NamingTheHeader() throws IOException {
        String chatId = KnownChats.of(producer, "tenant-a", "offline");
        List<String> badKeys = List.of("not valid!", "k".repeat(101), "tab\there", "\u00e9t\u00e9");

        for (String key : badKeys) {
            given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"text\":\"hi\"}").post("/api/chats/{id}/messages", chatId)
                    .then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("Idempotency-Key"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"text\":\"hi\",\"chatIds\":[\"" + chatId + "\"]}").post("/api/broadcast")
                    .then().statusCode(400).body("violations.field", hasItem("Idempotency-Key"));
        }
        // A C1 control character, sent as the single byte HTTP allows beyond ASCII: the header is text too.
        byte[] body = "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.exchange(base, "POST /api/chats/" + chatId + "/messages HTTP/1.1", body,
                "Authorization: Bearer " + alice, "Content-Type: application/json",
                "Content-Length: " + body.length, "Idempotency-Key: key\u0085");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"Idempotency-Key\"").contains("U+0085");

        bobsMessageIsStillAccepted();
        assertThat(commands.records()).noneMatch(record -> chatId.equals(record.key()));
    }

    @Test
    void textLimitsCountCodePointsSo32000EmojiAreAValidMessageAndOneMoreIsNot() {
        String chatId = KnownChats.of(producer, "tenant-a", "offline");
        UUID turn = UUID.randomUUID();
        String longest = WAVE.repeat(32_000);

        // As UTF-8, and as a JSON encoder that escapes everything outside ASCII writes it (384 KB).
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"text\":\"" + longest + "\",\"clientMessageId\":\"emoji-raw\"}")
                .post("/api/chats/{id}/messages", chatId).then().statusCode(202);
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"text\":\"" + WAVE_ESCAPED.repeat(32_000) + "\",\"clientMessageId\":\"emoji-escaped\"}")
                .post("/api/chats/{id}/messages", chatId).then().statusCode(202);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"" + longest + "\"}")
                .put("/api/chats/{id}/turns/{turn}", chatId, turn).then().statusCode(202);

        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"" + longest + WAVE + "\"}")
                .post("/api/chats/{id}/messages", chatId)
                .then().statusCode(400).body("violations.field", hasItem("text"))
                .body("violations.message", hasItem("must be at most 32000 characters"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"text\":\"" + longest + WAVE + "\"}")
                .patch("/api/chats/{id}/turns/{turn}", chatId, turn)
                .then().statusCode(400).body("violations.field", hasItem("text"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"" + WAVE.repeat(201) + "\"}")
                .post("/api/projects").then().statusCode(400).body("violations.field", hasItem("name"));
        // 200 emoji are a valid name: it is passed on, to a session-service that is not running here.
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"" + WAVE.repeat(200) + "\"}")
                .post("/api/projects").then().statusCode(503);

        List<ConsumerRecord<String, byte[]>> records = commands.awaitRecords(r -> chatId.equals(r.key()), 3, WAIT);
        assertThat(records).hasSize(3);
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope command = EventJson.fromBytes(record.value());
            assertThat(command.chatId()).isEqualTo(record.key());
            String text = command.payload() instanceof SendMessage message ? message.text()
                    : command.payloadAs(EditQueuedTurn.class).text();
            assertThat(TextRules.codePoints(text)).isEqualTo(32_000);
            assertThat(text).isEqualTo(longest);
        }
        assertThat(records).extracting(r -> EventJson.fromBytes(r.value()).type())
                .containsExactlyInAnyOrder("SendMessage", "SendMessage", "EditQueuedTurn");
    }

    @Test
    void aBadProjectNameIsTheGatewaysOwn400NotTheBackingServicesFailure() {
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"x\\u0000\"}")
                .post("/api/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("instance", equalTo("/api/projects"))
                .body("violations[0].field", equalTo("name"))
                .body("violations[0].message", containsString("NUL"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"   \"}")
                .post("/api/projects")
                .then().statusCode(400).body("violations[0].field", equalTo("name"));
    }

    private List<Route> routes(String chatId) {
        UUID turn = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        return List.of(
                new Route("send", Map.of("text", "\"hi\""), r -> r.post("/api/chats/{id}/messages", chatId)),
                new Route("edit (PUT)", Map.of("text", "\"hi\""),
                        r -> r.put("/api/chats/{id}/turns/{t}", chatId, turn)),
                new Route("edit (PATCH)", Map.of("text", "\"hi\""),
                        r -> r.patch("/api/chats/{id}/turns/{t}", chatId, turn)),
                new Route("broadcast", Map.of("text", "\"hi\"", "chatIds", "[\"" + chatId + "\"]"),
                        r -> r.post("/api/broadcast")),
                new Route("create project", Map.of("name", "\"p\""), r -> r.post("/api/projects")),
                new Route("create chat", Map.of(), r -> r.post("/api/projects/{id}/chats", project)),
                new Route("rename chat", Map.of(), r -> r.patch("/api/chats/{id}", chatId)),
                new Route("fork", Map.of("messageId", "\"" + UUID.randomUUID() + "\""),
                        r -> r.post("/api/chats/{id}/fork", chatId)),
                new Route("create view", Map.of("name", "\"v\""), r -> r.post("/api/views")));
    }

    /** Another tenant's ordinary message goes through: no poison above left anything broken. */
    private void bobsMessageIsStillAccepted() {
        String bobsChat = KnownChats.awaitKnown(GatewayFixtures.announceChat(producer, "tenant-b", "bob", "offline"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"text\":\"all well?\"}")
                .post("/api/chats/{id}/messages", bobsChat)
                .then().statusCode(202).body("chatId", equalTo(bobsChat));
        ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> bobsChat.equals(r.key()), WAIT);
        Envelope command = EventJson.fromBytes(record.value());
        assertThat(command.chatId()).isEqualTo(record.key());
        assertThat(command.tenantId()).isEqualTo("tenant-b");
        assertThat(command.payloadAs(SendMessage.class).text()).isEqualTo("all well?");
    }

    private static String abbreviate(String body) {
        return body.length() > 40 ? body.substring(0, 40) + "..." : body;
    }
}
