package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * The Kafka broker, then PostgreSQL, restarted while chats of two tenants stream answers: every accepted message
 * ends exactly once (answered, or with a visible failure), each chat's seqs stay gapless, no consumer stays
 * stopped (messages sent after the restart are answered and the history shows every message), and nothing of one
 * tenant reaches another. A stack of its own: the servers it restarts must keep their data.
 */
class InfrastructureRestartIT {

    private static final Duration DOWN = Duration.ofSeconds(3);

    private static Path dataDir;
    private static Stack stack;
    private static List<ChatApi> tenants;

    @BeforeAll
    static void startStack() {
        dataDir = TestStacks.temporaryDataDir();
        stack = Stack.start(TestStacks.settings(dataDir, true));
        tenants = List.of(
                new ChatApi(stack.gatewayUrl(), stack.token("tenant-faults-a", "ann", Duration.ofHours(1))),
                new ChatApi(stack.gatewayUrl(), stack.token("tenant-faults-b", "ben", Duration.ofHours(1))));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        TestStacks.deleteRecursively(dataDir);
    }

    @Test
    void aBrokerRestartInTheMiddleOfStreamingLosesNothing() {
        survives("kafka", () -> stack.infra().restartKafka(DOWN));
    }

    @Test
    void aDatabaseRestartInTheMiddleOfStreamingLosesNothing() {
        survives("postgres", () -> stack.infra().restartPostgres(DOWN));
    }

    private void survives(String fault, Runnable restart) {
        List<FailureScenario> scenarios = new ArrayList<>();
        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            for (ChatApi api : tenants) {
                String project = api.createProject(fault);
                List<String> chats = List.of(api.createChat(project, fault + " 1"), api.createChat(project, fault + " 2"));
                FailureScenario scenario = new FailureScenario(api, events, chats);
                scenario.sendToEach(chats, "streaming", chat -> FailureScenario.slowQuestion(chat, 40));
                scenario.sendToEach(chats, "queued", chat -> FailureScenario.quickQuestion("queued behind it"));
                scenarios.add(scenario);
            }
            scenarios.forEach(scenario -> scenario.awaitStreaming(scenario.chats()));

            restart.run();

            scenarios.forEach(scenario -> scenario.sendToEach(scenario.chats(), "after",
                    chat -> FailureScenario.quickQuestion("asked after the " + fault + " restart")));
            for (FailureScenario scenario : scenarios) {
                Map<String, List<ChatTimeline.Turn>> turns = scenario.awaitEveryMessageEnded(Duration.ofMinutes(3));
                turns.forEach((chat, chatTurns) -> {
                    ChatTimeline.Turn after = chatTurns.get(chatTurns.size() - 1);
                    assertThat(after.completed()).as("chat %s: the message sent after the %s restart ends as %s",
                            chat, fault, after.describeEnding()).isTrue();
                });
                scenario.chats().forEach(scenario::assertHistoryShowsEveryQuestionWithItsEnding);
            }
            assertThat(scenarios.get(0).chats()).doesNotContainAnyElementsOf(scenarios.get(1).chats());
        }
    }
}
