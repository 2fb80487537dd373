package io.switchboard.gateway.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.switchboard.testing.tracing.CapturedSpans;

/**
 * The gateway's two ends of a turn's trace: a message's command names the request's trace in its record headers,
 * and handing a turn's event to subscribers is a span of the trace the event's record names.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class MessageTracingTest {

    private static final String TENANT = "tenant-trace";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    CapturedSpans spans;

    private final String alice = TestTokens.bearer(TENANT, "alice");

    @Test
    void aMessagesCommandCarriesTheRequestsTraceToKafka() {
        String caller = randomHex(32);
        String callerSpan = randomHex(16);
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = GatewayFixtures.announceChat(producer, TENANT, "alice", "offline");
            await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + caller + "-" + callerSpan + "-01")
                    .header("Idempotency-Key", "traced-1").body("{\"text\":\"follow me\"}")
                    .post("/api/chats/{id}/messages", chatId).then().statusCode(202));

            ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> chatId.equals(r.key()), TIMEOUT);
            String[] parent = header(record, "traceparent").orElseThrow().split("-");
            assertThat(parent[1]).as("the caller's trace").isEqualTo(caller);
            SpanData publish = awaitSpan(caller, span -> span.getSpanId().equals(parent[2]));
            assertThat(publish.getName()).isEqualTo("chat.commands publish");
            assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(publish.getAttributes().get(AttributeKey.stringKey("switchboard.chat.id"))).isEqualTo(chatId);
            SpanData request = awaitSpan(caller, span -> span.getSpanId().equals(publish.getParentSpanId()));
            assertThat(request.getKind()).as("the request's own span").isEqualTo(SpanKind.SERVER);
            assertThat(request.getParentSpanId()).isEqualTo(callerSpan);
        }
    }

    @Test
    void aMalformedTraceContextOnARequestStartsATraceOfItsOwnAndStopsNothing() {
        String zeros = "0".repeat(32);
        String bogus = randomHex(32);
        List<String> malformed = List.of(
                "00-" + zeros + "-" + randomHex(16) + "-01",
                "00-" + bogus + "-" + "0".repeat(16) + "-01",
                "ff-" + bogus + "-" + randomHex(16) + "-01",
                "00-" + bogus.toUpperCase() + "-" + randomHex(16) + "-01",
                "00-" + bogus + "-" + randomHex(16),
                "00-" + bogus + "-" + randomHex(16) + "-01-" + "x".repeat(8_000),
                "00-" + bogus.substring(0, 31) + "g-" + randomHex(16) + "-01",
                "not a trace context");
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String chatId = GatewayFixtures.announceChat(producer, TENANT, "alice", "offline");
            for (int i = 0; i < malformed.size(); i++) {
                String value = malformed.get(i);
                String key = "malformed-trace-" + i;
                await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(alice).contentType(ContentType.JSON)
                        .header("traceparent", value).header("Idempotency-Key", key)
                        .body("{\"text\":\"traced badly\"}")
                        .post("/api/chats/{id}/messages", chatId).then().statusCode(202));
                ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> chatId.equals(r.key())
                        && new String(r.value(), StandardCharsets.UTF_8).contains(key), TIMEOUT);
                String[] parent = header(record, "traceparent").orElseThrow().split("-");
                assertThat(parent[1]).as(value).matches("[0-9a-f]{32}").isNotEqualTo(zeros)
                        .isNotEqualTo(bogus).isNotEqualTo(bogus.toUpperCase());
            }
        }
    }

    @Test
    void anEventIsHandedOutInsideTheTraceItsRecordNamesAndABadTraceContextStopsNothing() {
        String turnTrace = randomHex(32);
        String turnSpan = randomHex(16);
        try (RawProducer producer = RawProducer.create()) {
            String chatId = GatewayFixtures.announceChat(producer, TENANT, "alice", "offline");
            UUID turn = UUID.randomUUID();
            send(producer, GatewayFixtures.chatEvent(chatId, TENANT, 1, turn, new TextDelta("one")),
                    List.of(traceparent("00-" + turnTrace + "-" + turnSpan + "-01\u0000"),
                            traceparent("\uD800" + turnTrace)));
            send(producer, GatewayFixtures.chatEvent(chatId, TENANT, 2, turn, new TextDelta("two")),
                    List.of(traceparent("00-" + turnTrace + "-" + turnSpan + "-00")));
            send(producer, GatewayFixtures.chatEvent(chatId, TENANT, 3, turn, new TextDelta("three")),
                    List.of(traceparent("00-" + turnTrace + "-" + turnSpan + "-01")));

            SpanData fanout = awaitSpan(turnTrace, span -> span.getName().equals("chat.events fan-out"));
            assertThat(fanout.getParentSpanId()).isEqualTo(turnSpan);
            assertThat(fanout.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(fanout.getAttributes().get(AttributeKey.longKey("switchboard.seq"))).isEqualTo(3L);
            assertThat(fanout.getAttributes().get(AttributeKey.stringKey("switchboard.chat.id"))).isEqualTo(chatId);
            assertThat(spans.ofTrace(turnTrace)).as("an unsampled record gets no span, a broken one none either")
                    .hasSize(1);
        }
    }

    private SpanData awaitSpan(String traceId, Predicate<SpanData> matching) {
        return await().atMost(TIMEOUT).until(() -> spans.ofTrace(traceId).stream().filter(matching).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static void send(RawProducer producer, Envelope event, List<Header> headers) {
        producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, null, event.chatId(), EventJson.toBytes(event),
                headers));
    }

    private static Header traceparent(String value) {
        return new RecordHeader("traceparent", value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String randomHex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }
}
