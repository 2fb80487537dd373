package io.switchboard.chat.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.llm.OfflineModel;
import io.switchboard.chat.metrics.TurnMetrics;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.infra.Databases;
import io.switchboard.kit.logging.ChatLogContext;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ChatStreamingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    private RecordCollector events;
    private RawProducer commands;

    @BeforeEach
    void connect() {
        events = RecordCollector.fromEnd(Topics.CHAT_EVENTS);
        commands = RawProducer.create();
    }

    @AfterEach
    void disconnect() {
        events.close();
        commands.close();
    }

    @Test
    void streamsTheOfflineAnswerAsKeyedGaplessEvents() {
        String chatId = UUID.randomUUID().toString();

        send(chatId, "m-1", "Explain partitions", "offline");

        List<Envelope> stream = awaitTurnsEnded(chatId, 1);
        assertThat(stream).extracting(Envelope::seq).containsExactly(seqs(stream.size()));
        assertThat(stream.get(0).payloadAs(TurnQueued.class).position()).isZero();
        assertThat(stream.get(1).type()).isEqualTo("TurnStarted");
        assertThat(stream.get(stream.size() - 1).type()).isEqualTo("TurnCompleted");
        String streamed = stream.stream().filter(e -> e.payload() instanceof TextDelta)
                .map(e -> e.payloadAs(TextDelta.class).text()).reduce("", String::concat);
        String expected = String.join(" ", OfflineModel.answer("Explain partitions", 12));
        assertThat(streamed).isEqualTo(expected);
        assertThat(stream.get(stream.size() - 1).payloadAs(TurnCompleted.class).text()).isEqualTo(expected);
        assertThat(stream.get(stream.size() - 1).payloadAs(TurnCompleted.class).usage().outputTokens())
                .isEqualTo(expected.split(" ").length);
        assertThat(stream).allSatisfy(e -> assertThat(e.turnId()).isEqualTo(stream.get(0).turnId()));
    }

    @Test
    void aResentMessageIsAcceptedOnlyOnce() {
        String chatId = UUID.randomUUID().toString();

        send(chatId, "same-key", "hello", "offline");
        send(chatId, "same-key", "hello", "offline");
        send(chatId, "next-key", "and then", "offline");

        List<Envelope> stream = awaitTurnsEnded(chatId, 2);
        assertThat(stream).filteredOn(e -> e.payload() instanceof TurnQueued).hasSize(2);
        assertThat(stream).extracting(Envelope::seq).containsExactly(seqs(stream.size()));
    }

    @Test
    void turnsOfOneChatRunOneAfterAnotherWhileAnotherChatRunsAlongside() {
        String busy = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        send(busy, "b-1", "first", "offline");
        send(busy, "b-2", "second", "offline");
        send(other, "o-1", "meanwhile", "offline");

        List<Envelope> busyStream = awaitTurnsEnded(busy, 2);
        List<Envelope> otherStream = awaitTurnsEnded(other, 1);
        assertThat(busyStream).extracting(Envelope::seq).containsExactly(seqs(busyStream.size()));
        assertThat(otherStream).extracting(Envelope::seq).containsExactly(seqs(otherStream.size()));
        assertThat(busyStream).filteredOn(e -> e.payload() instanceof TurnQueued)
                .extracting(e -> e.payloadAs(TurnQueued.class).position()).containsExactly(0, 1);
        UUID firstTurn = busyStream.get(0).turnId();
        int firstCompleted = indexOf(busyStream, "TurnCompleted", firstTurn);
        int secondStarted = busyStream.stream().filter(e -> e.type().equals("TurnStarted")).skip(1)
                .findFirst().map(busyStream::indexOf).orElseThrow();
        assertThat(secondStarted).as("second turn starts only after the first completed").isGreaterThan(firstCompleted);
        assertThat(otherStream).allSatisfy(e -> assertThat(e.chatId()).isEqualTo(other));
    }

    @Test
    void anUnknownModelFailsTheTurnWithAReason() {
        String chatId = UUID.randomUUID().toString();

        send(chatId, "m-1", "hi", "no-such-model");

        List<Envelope> stream = awaitTurnsEnded(chatId, 1);
        Envelope last = stream.get(stream.size() - 1);
        assertThat(last.payloadAs(TurnFailed.class).reason()).isEqualTo("unknown_model");
    }

    @Test
    void countsEndingsByOutcomeReasonAndModelTokensByTenantToolCallsAndTheTimeToFirstText() {
        String tenant = "tenant-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        String answered = UUID.randomUUID().toString();
        String failing = UUID.randomUUID().toString();
        double completed = count(TurnMetrics.TURNS_ENDED, "outcome", "completed", "reason", "none", "model", "offline");
        double failed = count(TurnMetrics.TURNS_ENDED, "outcome", "failed", "reason", "model_error", "model",
                "offline");
        double unknownModel = count(TurnMetrics.TURNS_ENDED, "outcome", "failed", "reason", "unknown_model",
                "model", "unknown");
        double madeUpTool = count(TurnMetrics.TOOL_CALLS, "tool", "unknown", "outcome", "failed");
        long firstTexts = registry.find(TurnMetrics.FIRST_TEXT).tag("model", "offline").timers().stream()
                .mapToLong(timer -> timer.count()).sum();

        send(answered, tenant, "m-1", "Count this turn\n/tool brew_coffee {}", "offline");
        send(failing, tenant, "m-2", "/fail", "offline");
        send(failing, tenant, "m-3", "a model nobody configured", "gpt-from-a-client-" + UUID.randomUUID());
        TurnCompleted answer = awaitTurnsEnded(answered, 1).stream().filter(e -> e.payload() instanceof TurnCompleted)
                .findFirst().orElseThrow().payloadAs(TurnCompleted.class);
        awaitTurnsEnded(failing, 2);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(count(TurnMetrics.TURNS_ENDED, "outcome", "completed", "reason", "none", "model", "offline"))
                    .isGreaterThanOrEqualTo(completed + 1);
            assertThat(count(TurnMetrics.TURNS_ENDED, "outcome", "failed", "reason", "model_error", "model",
                    "offline")).isGreaterThanOrEqualTo(failed + 1);
            // The client's made-up model name is not a tag value: every unknown model is one series.
            assertThat(count(TurnMetrics.TURNS_ENDED, "outcome", "failed", "reason", "unknown_model", "model",
                    "unknown")).isGreaterThanOrEqualTo(unknownModel + 1);
            assertThat(count(TurnMetrics.TOOL_CALLS, "tool", "unknown", "outcome", "failed"))
                    .isGreaterThanOrEqualTo(madeUpTool + 1);
            assertThat(count(TurnMetrics.TOKENS, "tenant", tenant, "kind", "output"))
                    .isEqualTo(answer.usage().outputTokens());
            assertThat(registry.find(TurnMetrics.FIRST_TEXT).tag("model", "offline").timers().stream()
                    .mapToLong(timer -> timer.count()).sum()).isGreaterThan(firstTexts);
        });
        assertThat(registry.find(TurnMetrics.TURNS_ENDED).meters())
                .noneMatch(meter -> meter.getId().getTag("model").startsWith("gpt-from-a-client"));

        // The names the dashboard and the alert rules in deploy/monitoring read, as Prometheus shows them.
        String scraped = given().baseUri(ManagementInterface.baseUri()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(scraped)
                .contains("switchboard_turns_ended_total{")
                .contains("switchboard_turns_first_text_seconds_bucket{")
                .contains("switchboard_tokens_total{kind=\"output\",tenant=\"" + tenant + "\"}")
                .contains("switchboard_tool_calls_total{")
                // consumer lag per partition comes from the Kafka client itself, bound by Quarkus' Kafka binder
                .contains("kafka_consumer_fetch_manager_records_lag_max{");
    }

    @Test
    void everyLineTheChatsLaneLogsNamesItsChatAndTenantAsFields() {
        String tenant = "tenant-logs-" + UUID.randomUUID().toString().substring(0, 8);
        String chatId = UUID.randomUUID().toString();
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord line && line.getFormattedMessage().contains(chatId)) {
                    // The MDC is read when the line is written, on the thread and context that wrote it.
                    line.copyMdc();
                    lines.add(line);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger chatLogs = java.util.logging.Logger.getLogger("io.switchboard.chat");
        chatLogs.addHandler(capture);
        try {
            send(chatId, tenant, "m-1", "Log me", "offline");
            awaitTurnsEnded(chatId, 1);
            await().atMost(TIMEOUT).until(() -> lines.stream()
                    .anyMatch(line -> line.getFormattedMessage().contains("completed")));
        } finally {
            chatLogs.removeHandler(capture);
        }

        assertThat(lines).extracting(ExtLogRecord::getFormattedMessage)
                .anyMatch(text -> text.contains("started on")).anyMatch(text -> text.contains("completed"));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.getMdc(ChatLogContext.CHAT_ID)).as(line.getFormattedMessage()).isEqualTo(chatId);
            assertThat(line.getMdc(ChatLogContext.TENANT_ID)).as(line.getFormattedMessage()).isEqualTo(tenant);
        });
    }

    @Test
    void aCommandKeyedByAnotherChatIsRejectedAndCounted() {
        String chatId = UUID.randomUUID().toString();
        String canary = UUID.randomUUID().toString();
        double before = rejected();

        Envelope command = Envelope.of(chatId, "tenant-a", 0, null, new SendMessage("x", "alice", "hi", "offline"));
        commands.send(Topics.CHAT_COMMANDS, UUID.randomUUID().toString(), EventJson.toBytes(command));
        send(canary, "c-1", "after the bad one", "offline");

        // The bad record and the canary sit on different partitions: wait for both to be processed.
        await().atMost(TIMEOUT).until(() -> rejected() > before);
        awaitTurnsEnded(canary, 1);
        assertThat(events.records()).noneMatch(r -> chatId.equals(r.key()));
    }

    private double rejected() {
        return registry.find(ChatKeyGuard.REJECTED_METRIC).tag("topic", Topics.CHAT_COMMANDS).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private void send(String chatId, String clientMessageId, String text, String model) {
        send(chatId, "tenant-a", clientMessageId, text, model);
    }

    private void send(String chatId, String tenantId, String clientMessageId, String text, String model) {
        Envelope command = Envelope.of(chatId, tenantId, 0, null, new SendMessage(clientMessageId, "alice", text, model));
        commands.send(Topics.CHAT_COMMANDS, chatId, EventJson.toBytes(command));
    }

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    /** The chat's events, once the given number of turns has completed or failed; keys are checked too. */
    private List<Envelope> awaitTurnsEnded(String chatId, int turns) {
        await().atMost(TIMEOUT).until(() -> chatEvents(chatId).stream()
                .filter(e -> e.type().equals("TurnCompleted") || e.type().equals("TurnFailed")).count() == turns);
        List<ConsumerRecord<String, byte[]>> records = events.records().stream()
                .filter(r -> chatId.equals(r.key())).toList();
        assertThat(records).allSatisfy(r -> assertThat(EventJson.fromBytes(r.value()).chatId()).isEqualTo(r.key()));
        return chatEvents(chatId);
    }

    private List<Envelope> chatEvents(String chatId) {
        return events.records().stream().filter(r -> chatId.equals(r.key()))
                .map(r -> EventJson.fromBytes(r.value())).toList();
    }

    private static int indexOf(List<Envelope> stream, String type, UUID turnId) {
        for (int i = 0; i < stream.size(); i++) {
            if (stream.get(i).type().equals(type) && stream.get(i).turnId().equals(turnId)) {
                return i;
            }
        }
        throw new AssertionError(type + " of " + turnId + " not found");
    }

    private static Long[] seqs(int count) {
        Long[] seqs = new Long[count];
        for (int i = 0; i < count; i++) {
            seqs[i] = (long) i + 1;
        }
        return seqs;
    }
}
