package io.switchboard.session.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.testing.kafka.SkippedTypes;

/** Which chat events reach the database at all: the ones a message in the history is made or changed from. */
class MessageHistoryRelevanceTest {

    private static final UUID TURN = UUID.randomUUID();

    @Test
    void theEventsAMessageIsMadeOrChangedFromAreRecorded() {
        assertThat(MessageHistoryService.changesHistory(event(TURN,
                new TurnQueued("m-1", "alice", "question", "offline", 0)))).isTrue();
        assertThat(MessageHistoryService.changesHistory(event(TURN, new TurnStarted("offline")))).isTrue();
        assertThat(MessageHistoryService.changesHistory(event(TURN, new QueuedTurnEdited("new text")))).isTrue();
        assertThat(MessageHistoryService.changesHistory(event(TURN,
                new TurnCompleted("answer", new TokenUsage(1, 2), null)))).isTrue();
        assertThat(MessageHistoryService.changesHistory(event(TURN, new TurnFailed("model_error", "no")))).isTrue();
        assertThat(MessageHistoryService.changesHistory(event(TURN, new TurnCancelled(TurnCancelled.STOPPED))))
                .isTrue();
    }

    @Test
    void streamingDeltasAndEventsOfNoTurnNeverOpenATransaction() {
        assertThat(MessageHistoryService.changesHistory(event(TURN, new TextDelta("a few words")))).isFalse();
        assertThat(MessageHistoryService.changesHistory(event(null, new TurnFailed("model_error", "no")))).isFalse();
    }

    @Test
    void theTypesPassedOverUnreadAreNoneThatMakesOrChangesAMessage() {
        assertThat(SkippedTypes.ofChannel("chat-events")).contains(TextDelta.class)
                .doesNotContainAnyElementsOf(MessageHistoryService.HISTORY_PAYLOADS);
    }

    @Test
    void theOnlyWorkspaceEventThatCompletesAChatIsRead() {
        assertThat(SkippedTypes.ofChannel("workspace-events")).isNotEmpty()
                .doesNotContain(PullRequestUpdated.class);
    }

    private static Envelope event(UUID turnId, EventPayload payload) {
        return Envelope.of(UUID.randomUUID().toString(), "tenant-a", 1, turnId, payload);
    }
}
