package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;

class EventAuditTest {

    private static final TokenUsage USAGE = new TokenUsage(10, 4);

    private final ChatPartitions partitions = new ChatPartitions(12);
    private final RecordedCommands commands = new RecordedCommands();
    private final GroupFigures figures = new GroupFigures(ChatGroup.STREAMING);
    private final EventAudit audit = new EventAudit();
    private OrchestratedChat a;
    private OrchestratedChat b;
    private long seqA;
    private long seqB;

    @BeforeEach
    void twoChatsWithTwoMessagesEach() {
        a = chat(partitions.newChatIdOn(2), "tenant-a");
        b = chat(partitions.newChatIdOn(5), "tenant-b");
        a.start();
        b.start();
    }

    @Test
    void aCleanConversationCountsNoProblemAndDrivesTheChat() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        feed(a, started(a, turn));
        feed(a, next(a, turn, new TextDelta("Hello ")));
        feed(a, next(a, turn, new TextDelta("world.")));
        feed(a, next(a, turn, new TurnCompleted("Hello world.", USAGE)));

        EventAudit.Counts counts = audit.counts();
        assertThat(counts.events()).isEqualTo(5);
        assertProblems(counts, 0, 0);
        assertThat(counts.textMismatches()).isZero();
        assertThat(counts.peakRunning()).isEqualTo(1);
        GroupFigures.Result result = figures.result();
        assertThat(result.turnsCompleted()).isEqualTo(1);
        assertThat(result.deltas()).isEqualTo(2);
        assertThat(result.turnStart().count()).isEqualTo(1);
        // The end of turn 1 sent chat a's second message.
        assertThat(commands.last().chatId()).isEqualTo(a.chatId());
        assertThat(((SendMessage) commands.last().command()).text()).isEqualTo("second");
    }

    @Test
    void chatsStreamingSideBySideAreNoProblem() {
        UUID turnA = UUID.randomUUID();
        UUID turnB = UUID.randomUUID();
        feed(a, queued(a, turnA, 1));
        feed(b, queued(b, turnB, 1));
        feed(b, started(b, turnB));
        feed(a, started(a, turnA));
        feed(a, next(a, turnA, new TextDelta("x")));
        feed(b, next(b, turnB, new TextDelta("y")));
        feed(b, next(b, turnB, new TurnCompleted("y", USAGE)));
        feed(a, next(a, turnA, new TurnCompleted("x", USAGE)));

        assertProblems(audit.counts(), 0, 0);
        assertThat(audit.counts().peakRunning()).isEqualTo(2);
        assertThat(figures.result().turnsCompleted()).isEqualTo(2);
    }

    @Test
    void anEventOfAChatTheBenchmarkDidNotCreateIsALeak() {
        String stranger = UUID.randomUUID().toString();
        Envelope event = Envelope.of(stranger, "tenant-a", 1, UUID.randomUUID(), new TurnStarted("offline"));

        audit.onRecord(stranger, partitions.of(stranger), bytes(event), 0, Instant.now());

        assertProblems(audit.counts(), 1, 0);
    }

    @Test
    void aKeyOtherThanTheChatIdIsALeak() {
        Envelope event = queued(a, UUID.randomUUID(), 1);

        audit.onRecord(b.chatId(), a.partition(), bytes(event), 0, Instant.now());

        assertProblems(audit.counts(), 1, 0);
    }

    @Test
    void anotherTenantOrPartitionThanTheChatsIsALeak() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        Envelope foreignTenant = new Envelope(UUID.randomUUID(), "TurnStarted", a.chatId(), "tenant-b", ++seqA, turn,
                Instant.now(), 1, new TurnStarted("offline"));
        feed(a, foreignTenant);
        audit.onRecord(a.chatId(), b.partition(), bytes(next(a, turn, new TextDelta("x"))), 0, Instant.now());

        assertProblems(audit.counts(), 2, 0);
    }

    @Test
    void aTurnIdSeenInTwoChatsIsALeak() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        feed(b, queued(b, turn, 1));

        assertProblems(audit.counts(), 1, 0);
    }

    @Test
    void aMessageTheChatNeverSentIsALeak() {
        Envelope event = Envelope.of(a.chatId(), a.tenantId(), ++seqA, UUID.randomUUID(),
                new TurnQueued(b.chatId() + "/message-1", "user", "first", "offline", 0));

        feed(a, event);

        assertProblems(audit.counts(), 1, 0);
    }

    @Test
    void aSeqGapOrRepeatIsAnOrderViolation() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        seqA++;
        feed(a, started(a, turn));
        seqA--;
        feed(a, next(a, turn, new TextDelta("x")));

        assertProblems(audit.counts(), 0, 2);
    }

    @Test
    void aTurnsEventsOutOfTheirOrderAreViolations() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        feed(a, next(a, turn, new TextDelta("early")));
        feed(a, started(a, turn));
        feed(a, started(a, turn));
        feed(a, next(a, turn, new TurnCompleted("", USAGE)));
        feed(a, next(a, turn, new TextDelta("late")));
        feed(a, next(a, UUID.randomUUID(), new TurnStarted("offline")));

        // A delta before the start, a second start, a delta after the end, a start never queued.
        assertProblems(audit.counts(), 0, 4);
    }

    @Test
    void aSecondTurnOfAChatStartingWhileOneRunsIsAViolation() {
        UUID first = UUID.randomUUID();
        feed(a, queued(a, first, 1));
        feed(a, started(a, first));
        feed(a, next(a, first, new TurnCompleted("", USAGE)));
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        feed(a, queued(a, second, 2));
        feed(a, Envelope.of(a.chatId(), a.tenantId(), ++seqA, third,
                new TurnQueued(a.chatId() + "/message-2", "user", "again", "offline", 1)));
        feed(a, started(a, second));
        feed(a, started(a, third));

        assertProblems(audit.counts(), 0, 1);
    }

    @Test
    void aTurnCancelledWhileQueuedIsNoViolation() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        feed(a, next(a, turn, new TurnCancelled(TurnCancelled.CANCELLED)));

        assertProblems(audit.counts(), 0, 0);
        assertThat(figures.result().turnsNotCompleted()).isEqualTo(1);
    }

    @Test
    void aCompletedTextThatIsNotItsDeltasJoinedIsAMismatch() {
        UUID turn = UUID.randomUUID();
        feed(a, queued(a, turn, 1));
        feed(a, started(a, turn));
        feed(a, next(a, turn, new TextDelta("Hello ")));
        feed(a, next(a, turn, new TurnCompleted("Hello world.", USAGE)));

        assertThat(audit.counts().textMismatches()).isEqualTo(1);
        assertProblems(audit.counts(), 0, 0);
    }

    @Test
    void aRecordThatIsNoEnvelopeIsUnreadable() {
        audit.onRecord(a.chatId(), a.partition(), "{not json".getBytes(StandardCharsets.UTF_8), 0, Instant.now());

        assertThat(audit.counts().unreadable()).isEqualTo(1);
        assertThat(audit.counts().samples()).hasSize(1);
    }

    private OrchestratedChat chat(String chatId, String tenant) {
        OrchestratedChat chat = new OrchestratedChat(chatId, tenant, "user", partitions.of(chatId),
                List.of("first", "second"), figures, commands);
        audit.register(chat);
        return chat;
    }

    private Envelope queued(OrchestratedChat chat, UUID turn, int message) {
        return next(chat, turn, new TurnQueued(chat.chatId() + "/message-" + message, "user", "text", "offline", 0));
    }

    private Envelope started(OrchestratedChat chat, UUID turn) {
        return next(chat, turn, new TurnStarted("offline"));
    }

    private Envelope next(OrchestratedChat chat, UUID turn, EventPayload payload) {
        long seq = chat == a ? ++seqA : ++seqB;
        return Envelope.of(chat.chatId(), chat.tenantId(), seq, turn, payload);
    }

    private void feed(OrchestratedChat chat, Envelope event) {
        audit.onRecord(chat.chatId(), chat.partition(), bytes(event), commands.last().nanos() + 1_000_000,
                Instant.now());
    }

    private static byte[] bytes(Envelope event) {
        return EventJson.toBytes(event);
    }

    private static void assertProblems(EventAudit.Counts counts, long leaks, long orderViolations) {
        assertThat(counts.leaks()).as("leaks: %s", counts.samples()).isEqualTo(leaks);
        assertThat(counts.orderViolations()).as("order violations: %s", counts.samples()).isEqualTo(orderViolations);
        assertThat(counts.unreadable()).isZero();
    }
}
