package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * One turn is one trace across the running services: the trace a client's request names goes from the gateway
 * through chat.commands to chat-service's turn, from there to git-workspace-service with the agent's tool calls,
 * and back through every chat.events record of the turn to the gateway's fan-out. The shared stack exports its
 * spans to a {@link SpanSink}.
 */
class TracingIT {

    private static final String TENANT = "tenant-tracing";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Stack stack;
    private static SpanSink spans;
    private static String token;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        spans = TestStacks.sharedSpans();
        token = stack.token(TENANT, "tess", Duration.ofHours(1));
    }

    @Test
    void aTurnIsOneTraceFromTheRequestThroughEveryServiceToTheFanOut() {
        String projectId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "traced")).post("/api/projects").then().statusCode(201).extract().path("id");
        String chatId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "one trace")).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
        String trace = UUID.randomUUID().toString().replace("-", "");

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), token);
                RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                        false)) {
            socket.subscribe(chatId);
            awaitEvent(socket, "workspace", chatId, "WorkspaceReady");
            given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + trace + "-" + trace.substring(0, 16) + "-01")
                    .header("Idempotency-Key", "traced-1")
                    .body(Map.of("text", "Note it\n/tool write_file {\"path\":\"traced.md\",\"content\":\"here\"}"))
                    .post("/api/chats/{id}/messages", chatId).then().statusCode(202);
            JsonNode completed = awaitEvent(socket, "chat", chatId, "TurnCompleted");
            UUID turn = UUID.fromString(completed.path("turnId").asText());

            events.awaitRecord(record -> chatId.equals(record.key())
                    && turn.equals(EventJson.fromBytes(record.value()).turnId())
                    && EventJson.fromBytes(record.value()).type().equals("TurnCompleted"), TIMEOUT);
            List<ConsumerRecord<String, byte[]>> ofTurn = events.records().stream()
                    .filter(record -> chatId.equals(record.key()))
                    .filter(record -> turn.equals(EventJson.fromBytes(record.value()).turnId())).toList();
            assertThat(ofTurn).extracting(record -> EventJson.fromBytes(record.value()).type())
                    .contains("TurnQueued", "ToolCallStarted", "ToolCallResult", "TurnCompleted");
            assertThat(ofTurn).as("every event of the turn names the client's trace")
                    .allSatisfy(record -> assertThat(traceparent(record)).startsWith("00-" + trace + "-"));
            assertThat(ofTurn).extracting(record -> EventJson.fromBytes(record.value()))
                    .extracting(Envelope::chatId).containsOnly(chatId);

            await("every service's spans of the trace").atMost(TIMEOUT).untilAsserted(() -> assertThat(List.of(
                    "gateway", "chat-service", "git-workspace-service"))
                    .allSatisfy(service -> assertThat(spans.exported(service, trace)).as(service).isTrue()));
        }
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode awaitEvent(SocketClient socket, String stream, String chatId, String type) {
        return await().atMost(TIMEOUT).until(() -> socket.events(stream, chatId).stream()
                        .filter(event -> event.path("type").asText().equals(type)).findFirst(),
                found -> found.isPresent())
                .orElseThrow();
    }
}
