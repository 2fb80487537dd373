package io.switchboard.chat.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.tracing.CapturedSpans;

/**
 * One turn, one trace: the turn's span is the child of the context its command came with, every chat.events record
 * of the turn names it, and the turn's model steps and tool calls are its children. A trace context that is not
 * one starts a new trace instead of failing the command.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class TurnTracingTest {

    private static final String TENANT = "tenant-trace";
    private static final String GATEWAY_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String GATEWAY_SPAN = "b7ad6b7169203331";
    /** One tool call, then an answer: two model steps. Tools are off in these tests, so the call fails. */
    private static final String WITH_TOOL = "Look around\n/tool list_files {\"path\":\".\"}";

    @Inject
    CapturedSpans spans;

    @Inject
    TurnTraces traces;

    private ChatDriver driver;

    @BeforeEach
    void connect() {
        driver = new ChatDriver();
    }

    @AfterEach
    void disconnect() {
        driver.close();
    }

    @Test
    void aTurnIsOneTraceFromItsCommandThroughEveryEventItPublishes() {
        String chat = UUID.randomUUID().toString();
        driver.command(chat, TENANT, new SendMessage("m-1", "alice", WITH_TOOL, "offline"),
                List.of(traceparent("00-" + GATEWAY_TRACE + "-" + GATEWAY_SPAN + "-01")));
        UUID turn = driver.turnOf(chat, "m-1");
        driver.await(chat, TurnCompleted.class, turn);

        List<ConsumerRecord<String, byte[]>> records = driver.records(chat);
        assertThat(records).extracting(record -> EventJson.fromBytes(record.value()).type())
                .contains("TurnQueued", "TurnStarted", "ToolCallStarted", "ToolCallFailed", "TextDelta",
                        "TurnCompleted");
        SpanData turnSpan = awaitSpan(GATEWAY_TRACE, "chat turn");
        assertThat(turnSpan.getParentSpanId()).as("the gateway's span is the turn's parent").isEqualTo(GATEWAY_SPAN);
        assertThat(turnSpan.getAttributes().get(AttributeKey.stringKey("switchboard.chat.id"))).isEqualTo(chat);
        assertThat(turnSpan.getAttributes().get(AttributeKey.stringKey("switchboard.turn.id")))
                .isEqualTo(turn.toString());
        assertThat(turnSpan.getAttributes().get(AttributeKey.stringKey("switchboard.turn.outcome")))
                .isEqualTo("completed");
        assertThat(records).as("every event of the turn names the turn's span")
                .allSatisfy(record -> assertThat(headerValue(record, "traceparent"))
                        .contains("00-" + GATEWAY_TRACE + "-" + turnSpan.getSpanId() + "-01"));

        List<SpanData> trace = spans.ofTrace(GATEWAY_TRACE);
        List<SpanData> steps = trace.stream().filter(span -> span.getName().equals("model step")).toList();
        assertThat(steps).hasSize(2).allSatisfy(step -> assertThat(step.getParentSpanId())
                .isEqualTo(turnSpan.getSpanId()));
        SpanData tool = trace.stream().filter(span -> span.getName().equals("tool call")).findFirst().orElseThrow();
        assertThat(tool.getParentSpanId()).isEqualTo(turnSpan.getSpanId());
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("switchboard.tool"))).isEqualTo("list_files");
        assertThat(tool.getStatus().getStatusCode()).as("the tool call failed").isEqualTo(StatusCode.ERROR);
        assertThat(traces.openCount()).as("no span is left open").isZero();
    }

    @Test
    void aTraceContextThatIsNoneStartsATraceOfItsOwnAndTheTurnStillRuns() {
        String chat = UUID.randomUUID().toString();
        driver.command(chat, TENANT, new SendMessage("m-1", "alice", "hello", "offline"),
                List.of(traceparent("00-" + GATEWAY_TRACE + "-zz\u0000-01"), traceparent("\uD800garbage")));
        UUID turn = driver.turnOf(chat, "m-1");
        driver.await(chat, TurnCompleted.class, turn);

        List<String> traceIds = driver.records(chat).stream()
                .map(record -> headerValue(record, "traceparent").orElseThrow().split("-")[1]).distinct().toList();
        assertThat(traceIds).as("one trace for the whole turn").hasSize(1);
        assertThat(traceIds.get(0)).isNotEqualTo(GATEWAY_TRACE);
        SpanData turnSpan = awaitSpan(traceIds.get(0), "chat turn");
        assertThat(turnSpan.getParentSpanContext().isValid()).as("a root span").isFalse();
    }

    @Test
    void aRecordNamingNoTurnCarriesNoTraceContext() {
        String chat = UUID.randomUUID().toString();
        driver.command(chat, TENANT, new SendMessage("m-1", "alice", "hello", "offline"),
                List.of(traceparent("00-" + GATEWAY_TRACE + "-" + GATEWAY_SPAN + "-01")));
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "m-1"));
        // Stopping when nothing runs is answered with CommandRejected, an event of no turn.
        driver.command(chat, TENANT, new StopTurn("alice"));
        Envelope rejected = driver.await(chat, event -> event.type().equals("CommandRejected"));

        ConsumerRecord<String, byte[]> record = driver.records(chat).stream()
                .filter(r -> EventJson.fromBytes(r.value()).seq() == rejected.seq()).findFirst().orElseThrow();
        assertThat(rejected.turnId()).isNull();
        assertThat(headerValue(record, "traceparent")).isEmpty();
    }

    private SpanData awaitSpan(String traceId, String name) {
        return await().atMost(ChatDriver.TIMEOUT).until(() -> spans.ofTrace(traceId).stream()
                .filter(span -> span.getName().equals(name)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static Header traceparent(String value) {
        return new RecordHeader("traceparent", value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> headerValue(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
