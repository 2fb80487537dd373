package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;

class TurnQueueTest {

    private final TurnQueue queue = new TurnQueue();

    @Test
    void turnsRunByRankWhateverTheOrderTheyArrivedIn() {
        Turn second = turn(20);
        Turn first = turn(10);
        Turn sentNow = turn(-1);
        queue.insert(second);
        queue.insert(first);
        queue.insert(sentNow);

        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.next()).isEqualTo(sentNow);
        assertThat(queue.next()).isEqualTo(first);
        assertThat(queue.next()).isEqualTo(second);
        assertThat(queue.next()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aWaitingTurnCanBeEditedOrTakenOutButNotOneThatLeft() {
        Turn kept = turn(1);
        Turn removed = turn(2);
        queue.insert(kept);
        queue.insert(removed);

        assertThat(queue.replaceText(kept.id(), "new text")).isTrue();
        assertThat(queue.remove(removed.id())).contains(removed);
        assertThat(queue.remove(removed.id())).isEmpty();
        assertThat(queue.replaceText(removed.id(), "too late")).isFalse();
        assertThat(queue.contains(removed.id())).isFalse();
        assertThat(queue.drain()).extracting(Turn::text).containsExactly("new text");
        assertThat(queue.isEmpty()).isTrue();
    }

    private static Turn turn(long rank) {
        return new Turn(UUID.randomUUID(), "tenant", "chat", UUID.randomUUID().toString(), "alice", "text",
                "offline", TurnStatus.QUEUED, rank);
    }
}
