package io.switchboard.chat.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.llm.OfflineModel;
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
        Envelope command = Envelope.of(chatId, "tenant-a", 0, null, new SendMessage(clientMessageId, "alice", text, model));
        commands.send(Topics.CHAT_COMMANDS, chatId, EventJson.toBytes(command));
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
