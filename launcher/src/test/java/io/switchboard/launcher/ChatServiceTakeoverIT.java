package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * Two chat-service instances share the chats (by chat.commands partition). One of them goes away while about
 * twenty chats stream: the other takes its chats over, and nothing is lost, doubled or reordered in any chat.
 */
class ChatServiceTakeoverIT {

    private static final int CHATS = 20;
    private static final int MAX_SENT_DURING_STOP = 10 * CHATS;
    /** The extra instance's consumer says who it is, so the group shows which partitions each instance owns. */
    private static final String EXTRA_CLIENT_ID = "chat-commands-extra";

    private enum Instance { STACK, EXTRA }

    private static Stack stack;
    private static ChatApi api;
    private static KafkaProbe probe;
    private static ServiceProcess extra;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        api = new ChatApi(stack.gatewayUrl(), stack.token("tenant-takeover", "dave", Duration.ofHours(1)));
        probe = new KafkaProbe(stack.infra().bootstrapServers());
    }

    /** Other tests share the stack: back to its own chat-service, alone. */
    @AfterAll
    static void backToOneInstance() {
        if (extra != null) {
            extra.stop();
        }
        if (!stack.service(ServiceName.CHAT).isAlive()) {
            stack.restart(ServiceName.CHAT);
        }
        probe.close();
    }

    @Test
    void aGracefullyStoppedInstanceEndsItsRunningTurnsAndTheOtherRunsEverythingElse() {
        Map<Integer, Instance> owners = twoInstances();
        List<String> chats = createChats("graceful");
        try (RecordCollector events = collector()) {
            FailureScenario scenario = new FailureScenario(api, events, chats);
            // Slow enough that no slow turn ends by itself before the stop, however loaded the machine.
            scenario.sendToEach(chats, "slow", chat -> FailureScenario.slowQuestion(chat, 120));
            scenario.sendToEach(chats, "queued", chat -> FailureScenario.quickQuestion("queued behind a slow answer"));
            scenario.awaitStreaming(chats);
            Map<String, Instance> ownerOfChat = ownerOfChat(scenario, owners);

            // Messages keep coming while the instance stops: none may be lost in its last moments.
            AtomicBoolean stopped = new AtomicBoolean();
            CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                while (!stopped.get() && sent < MAX_SENT_DURING_STOP) {
                    scenario.send(chats.get(sent % CHATS), "during-stop-" + sent,
                            FailureScenario.quickQuestion("sent while an instance stops, number " + sent));
                    sent++;
                }
                return sent;
            });
            stack.service(ServiceName.CHAT).stop();
            stopped.set(true);
            assertThat(sending.join()).as("messages sent while the instance stopped").isPositive();
            // The stopped instance is gone: what comes after the cut, the survivor published.
            Map<Integer, Long> cut = probe.endOffsets(Topics.CHAT_EVENTS);

            Map<String, List<ChatTimeline.Turn>> turns = scenario.awaitEveryMessageEnded(Duration.ofMinutes(3));
            int interrupted = 0;
            for (String chat : chats) {
                for (ChatTimeline.Turn turn : turns.get(chat)) {
                    String label = scenario.label(turn.clientMessageId());
                    // The survivor may start a stopped instance's queued turn before that process has exited, so
                    // "running at the cut" says nothing; a turn the stopping instance started late would instead
                    // end as interrupted, and only the slow turns were running when the stop began.
                    if (ownerOfChat.get(chat) == Instance.EXTRA || !turn.interrupted()) {
                        assertThat(turn.completed()).as("chat %s (%s): %s ends as %s", chat, ownerOfChat.get(chat),
                                label, turn.describeEnding()).isTrue();
                    } else {
                        interrupted++;
                        assertThat(label).as("chat %s: the turn the stopping instance interrupted", chat)
                                .isEqualTo("slow");
                        assertThat(turn.ending().before(cut))
                                .as("chat %s: the stopping instance ended its running turn itself", chat).isTrue();
                    }
                    if (turn.waitingAt(cut)) {
                        assertThat(turn.completed()).as("chat %s: %s, waiting at the stop, ran on the survivor",
                                chat, label).isTrue();
                    }
                }
            }
            assertThat(interrupted).as("turns the stopping instance interrupted").isPositive();
            chats.forEach(scenario::assertHistoryShowsEveryQuestionWithItsEnding);
        } finally {
            stack.restart(ServiceName.CHAT);
        }
    }

    @Test
    void aKilledInstancesChatsAreTakenOverByTheOtherAfterTheSessionTimeout() {
        Map<Integer, Instance> owners = twoInstances();
        List<String> chats = createChats("killed");
        try (RecordCollector events = collector()) {
            FailureScenario scenario = new FailureScenario(api, events, chats);
            scenario.sendToEach(chats, "slow", FailureScenario::slowQuestion);
            scenario.sendToEach(chats, "queued", chat -> FailureScenario.quickQuestion("queued behind a slow answer"));
            scenario.awaitStreaming(chats);
            scenario.awaitQueued(chats);
            Map<String, Instance> ownerOfChat = ownerOfChat(scenario, owners);

            extra.kill();
            // The dead instance writes nothing more: for its chats, what comes after the cut is the survivor's.
            // Taken at once, before the survivor can get (after the session timeout) and start the dead one's turns.
            Map<Integer, Long> cut = probe.endOffsets(Topics.CHAT_EVENTS);
            scenario.sendToEach(chats, "while-down", chat -> FailureScenario.quickQuestion("sent while one is dead"));

            Map<String, List<ChatTimeline.Turn>> turns = scenario.awaitEveryMessageEnded(Duration.ofMinutes(3));
            int interrupted = 0;
            for (String chat : chats) {
                for (ChatTimeline.Turn turn : turns.get(chat)) {
                    String label = scenario.label(turn.clientMessageId());
                    if (ownerOfChat.get(chat) == Instance.EXTRA && turn.runningAt(cut)) {
                        interrupted++;
                        assertThat(turn.interrupted()).as("chat %s: %s, streaming when its instance was killed, "
                                + "ends as %s", chat, label, turn.describeEnding()).isTrue();
                    } else {
                        assertThat(turn.completed()).as("chat %s (%s): %s ends as %s", chat, ownerOfChat.get(chat),
                                label, turn.describeEnding()).isTrue();
                    }
                }
            }
            assertThat(interrupted).as("turns streaming on the killed instance").isPositive();
            chats.forEach(scenario::assertHistoryShowsEveryQuestionWithItsEnding);
        }
    }

    /**
     * The stack's chat-service and an extra one, both in the group with partitions of their own; returns which
     * instance owns each chat.commands partition.
     */
    private static Map<Integer, Instance> twoInstances() {
        if (!stack.service(ServiceName.CHAT).isAlive()) {
            stack.restart(ServiceName.CHAT);
        }
        if (extra == null || !extra.isAlive()) {
            extra = stack.startExtra(ServiceName.CHAT,
                    Map.of("mp.messaging.incoming.chat-commands.client.id", EXTRA_CLIENT_ID));
        }
        AtomicReference<Map<Integer, Instance>> owners = new AtomicReference<>();
        await("both instances own chat.commands partitions").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    Optional<List<KafkaProbe.Member>> group = probe.stableChatServiceGroup();
                    if (group.isEmpty() || group.get().size() != 2
                            || group.get().stream().anyMatch(member -> member.partitions().isEmpty())) {
                        return false;
                    }
                    Map<Integer, Instance> byPartition = new HashMap<>();
                    for (KafkaProbe.Member member : group.get()) {
                        Instance instance = member.clientId().startsWith(EXTRA_CLIENT_ID) ? Instance.EXTRA
                                : Instance.STACK;
                        member.partitions().forEach(partition -> byPartition.put(partition, instance));
                    }
                    owners.set(byPartition);
                    return byPartition.containsValue(Instance.EXTRA) && byPartition.containsValue(Instance.STACK);
                });
        return owners.get();
    }

    private static List<String> createChats(String name) {
        String projectId = api.createProject(name);
        List<String> chats = new ArrayList<>();
        for (int i = 1; i <= CHATS; i++) {
            chats.add(api.createChat(projectId, name + " " + i));
        }
        return chats;
    }

    /** Each chat's instance, by the partition its events are on (the same number as its commands'). */
    private static Map<String, Instance> ownerOfChat(FailureScenario scenario, Map<Integer, Instance> owners) {
        Map<String, Instance> ownerOfChat = new LinkedHashMap<>();
        scenario.timelines().forEach((chat, timeline) -> ownerOfChat.put(chat, owners.get(timeline.partition())));
        assertThat(ownerOfChat.values()).as("instances running the chats").contains(Instance.STACK, Instance.EXTRA);
        return ownerOfChat;
    }

    private static RecordCollector collector() {
        return RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS, false);
    }
}
