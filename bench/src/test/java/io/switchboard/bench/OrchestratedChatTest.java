package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;

class OrchestratedChatTest {

    private static final String CHAT = "6f1c2a2e-8a52-4c36-9a57-1d5cfb1f7e10";

    private final RecordedCommands commands = new RecordedCommands();
    private final GroupFigures figures = new GroupFigures(ChatGroup.STREAMING);
    private final OrchestratedChat chat = new OrchestratedChat(CHAT, "tenant-a", "user-a", 3,
            List.of("first", "second"), figures, commands);

    @Test
    void sendsEachMessageOnceThePreviousTurnEnded() {
        chat.start();
        chat.start();
        assertThat(commands.sent()).hasSize(1);
        SendMessage first = (SendMessage) commands.last().command();
        assertThat(first.text()).isEqualTo("first");
        assertThat(first.model()).isEqualTo("offline");
        assertThat(commands.last().chatId()).isEqualTo(CHAT);
        assertThat(commands.last().tenantId()).isEqualTo("tenant-a");

        UUID turn1 = UUID.randomUUID();
        assertThat(chat.turnQueued(turn1, first.clientMessageId(), commands.last().nanos() + 5_000_000, Instant.EPOCH)).isTrue();
        chat.turnStarted(turn1, commands.last().nanos() + 10_000_000, Instant.EPOCH);
        assertThat(commands.sent()).hasSize(1);
        chat.turnEnded(turn1, true, "TurnCompleted", commands.last().nanos() + 20_000_000);

        assertThat(commands.sent()).hasSize(2);
        SendMessage second = (SendMessage) commands.last().command();
        assertThat(second.text()).isEqualTo("second");
        assertThat(second.clientMessageId()).isNotEqualTo(first.clientMessageId()).contains(CHAT);
        assertThat(chat.finished()).isNotDone();

        UUID turn2 = UUID.randomUUID();
        chat.turnQueued(turn2, second.clientMessageId(), commands.last().nanos() + 1_000_000, Instant.EPOCH);
        chat.turnStarted(turn2, commands.last().nanos() + 2_000_000, Instant.EPOCH);
        chat.turnEnded(turn2, true, "TurnCompleted", commands.last().nanos() + 3_000_000);

        assertThat(commands.sent()).hasSize(2);
        assertThat(chat.finished()).isDone();
        GroupFigures.Result result = figures.result();
        assertThat(result.turnsCompleted()).isEqualTo(2);
        assertThat(result.turnStart().count()).isEqualTo(2);
        assertThat(result.firstTurnStart().count()).isEqualTo(1);
        assertThat(result.firstTurnStart().p50Micros()).isBetween(9_990L, 10_010L);
        assertThat(result.laterTurnStart().count()).isEqualTo(1);
        assertThat(result.laterTurnStart().p50Micros()).isBetween(1_990L, 2_010L);
        assertThat(result.commandToQueued().count()).isEqualTo(2);
        assertThat(result.commandToQueuedAt().count()).isEqualTo(2);
        assertThat(result.queuedToStarted().count()).isEqualTo(2);
    }

    @Test
    void aMessageItNeverSentIsNotItsTurn() {
        chat.start();

        assertThat(chat.turnQueued(UUID.randomUUID(), "other-chat/message-1", 0, Instant.EPOCH)).isFalse();
        assertThat(figures.result().commandToQueued().count()).isZero();
    }

    @Test
    void aTurnEndingTwiceOrUnknownCountsAsUnexpected() {
        chat.start();
        UUID turn = UUID.randomUUID();
        chat.turnQueued(turn, ((SendMessage) commands.last().command()).clientMessageId(), 0, Instant.EPOCH);
        chat.turnEnded(turn, false, "TurnFailed model_error", 0);
        chat.turnEnded(turn, false, "TurnFailed model_error", 0);
        chat.turnEnded(UUID.randomUUID(), true, "TurnCompleted", 0);

        GroupFigures.Result result = figures.result();
        assertThat(result.turnsNotCompleted()).isEqualTo(1);
        assertThat(result.unexpectedTurnEnds()).isEqualTo(2);
        assertThat(chat.turnsEnded()).isEqualTo(1);
        assertThat(chat.lastEnding()).isEqualTo("TurnFailed model_error");
        assertThat(commands.sent()).hasSize(2);
    }

    @Test
    void stopAsksForTheRunningTurnToStop() {
        chat.stop();

        assertThat(commands.last().command()).isEqualTo(new StopTurn("user-a"));
        assertThat(commands.last().chatId()).isEqualTo(CHAT);
    }
}
