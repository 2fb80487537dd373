package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * chat-service killed with SIGKILL while it streams answers, a message sent while it is down, and chat-service
 * started again: every accepted message ends exactly once, in order, on a gapless stream.
 */
class ChatServiceCrashIT {

    private static final int CHATS = 3;

    private static Stack stack;
    private static ChatApi api;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        api = new ChatApi(stack.gatewayUrl(), stack.token("tenant-crash", "carol", Duration.ofHours(1)));
    }

    /** Other tests share the stack: it must have its chat-service back whatever happened here. */
    @AfterAll
    static void restoreChatService() {
        if (!stack.service(ServiceName.CHAT).isAlive()) {
            stack.restart(ServiceName.CHAT);
        }
    }

    @Test
    void aKilledChatServiceEndsTheRunningTurnsAsInterruptedAndRunsEveryQueuedMessageAfterRestart() {
        String projectId = api.createProject("crash");
        List<String> chats = new ArrayList<>();
        for (int i = 1; i <= CHATS; i++) {
            chats.add(api.createChat(projectId, "crash " + i));
        }
        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false); KafkaProbe probe = new KafkaProbe(stack.infra().bootstrapServers())) {
            FailureScenario scenario = new FailureScenario(api, events, chats);
            scenario.sendToEach(chats, "slow", FailureScenario::slowQuestion);
            scenario.awaitStreaming(chats);
            scenario.sendToEach(chats, "queued-1", chat -> FailureScenario.quickQuestion("first queued question"));
            scenario.sendToEach(chats, "queued-2", chat -> FailureScenario.quickQuestion("second queued question"));
            // Stored and announced, but (committed every 5 s) most likely not yet committed: they come again.
            scenario.awaitQueued(chats);

            stack.kill(ServiceName.CHAT);
            scenario.sendToEach(chats, "while-down", chat -> FailureScenario.quickQuestion("asked while down"));
            // Nothing writes chat.events while chat-service is down: everything below the cut is the killed one's.
            Map<Integer, Long> cut = probe.endOffsets(Topics.CHAT_EVENTS);
            stack.restart(ServiceName.CHAT);

            Map<String, List<ChatTimeline.Turn>> turns = scenario.awaitEveryMessageEnded(Duration.ofMinutes(3));
            int interrupted = 0;
            int resumed = 0;
            for (String chat : chats) {
                for (ChatTimeline.Turn turn : turns.get(chat)) {
                    String label = scenario.label(turn.clientMessageId());
                    if (turn.runningAt(cut)) {
                        interrupted++;
                        assertThat(turn.interrupted()).as("chat %s: %s, streaming when killed, ends as %s", chat,
                                label, turn.describeEnding()).isTrue();
                        assertThat(turn.ending().before(cut))
                                .as("chat %s: the killed instance could not end %s; the restarted one did", chat,
                                        label).isFalse();
                    } else {
                        assertThat(turn.completed()).as("chat %s: %s ends as %s", chat, label,
                                turn.describeEnding()).isTrue();
                    }
                    if (turn.waitingAt(cut)) {
                        resumed++;
                    }
                    if (label.equals("while-down")) {
                        assertThat(turn.queued().before(cut)).as("chat %s: %s queued only after the restart", chat,
                                label).isFalse();
                    }
                }
            }
            assertThat(interrupted).as("turns streaming when chat-service was killed").isPositive();
            assertThat(resumed).as("turns waiting when chat-service was killed, run after the restart").isPositive();
            chats.forEach(scenario::assertHistoryShowsEveryQuestionWithItsEnding);
        }
    }
}
