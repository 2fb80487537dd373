package io.switchboard.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
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

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * Two chat-service instances share the chats (by chat.commands partition). One of them goes away while about
 * twenty chats stream: the other takes its chats over, and nothing is lost, doubled or reordered in any chat.
 * Stopped with a drain timeout, the instance first lets its running turns finish.
 */
class ChatServiceTakeoverIT {

    private static final int CHATS = 20;
    private static final int MAX_SENT_DURING_STOP = 10 * CHATS;
    /** The extra instance's consumer says who it is, so the group shows which partitions each instance owns. */
    private static final String EXTRA_CLIENT_ID = "chat-commands-extra";
    private static final String DRAIN_TIMEOUT = "switchboard.chat.scheduling.drain-timeout";
    private static final int DRAINED_CHATS = 6;

    private enum Instance { STACK, EXTRA }

    private static Stack stack;
    private static ChatApi api;
    private static KafkaProbe probe;
    private static ServiceProcess extra;
    /** What {@link #extra} was started with besides its client id. */
    private static Map<String, String> extraSettings = Map.of();

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
            // The stopping instance's slow turns must not end by themselves before the stop, however loaded the
            // machine; the survivor's need only stream on through the hand-over, and the test waits for their end.
            int partitions = probe.endOffsets(Topics.CHAT_COMMANDS).size();
            Map<String, Integer> words = new HashMap<>();
            for (String chat : chats) {
                words.put(chat, ownerOfPartition(chat, owners, partitions) == Instance.STACK ? 120 : 60);
            }
            scenario.sendToEach(chats, "slow", chat -> FailureScenario.slowQuestion(chat, words.get(chat)));
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

    @Test
    void aDrainingInstanceFinishesItsRunningTurnsAndLeavesItsQueuedOnesToTheOther() throws IOException {
        Map<Integer, Instance> owners = twoInstances(Map.of(DRAIN_TIMEOUT, "40s"));
        List<String> chats = createChatsOf(Instance.EXTRA, owners, "drained", DRAINED_CHATS);
        try (RecordCollector events = collector()) {
            FailureScenario scenario = new FailureScenario(api, events, chats);
            // About six seconds: still running when the stop begins, well within the drain and the stop's grace.
            scenario.sendToEach(chats, "running", chat -> FailureScenario.slowQuestion(chat, 18));
            scenario.sendToEach(chats, "queued", chat -> FailureScenario.quickQuestion("queued behind a running one"));
            scenario.awaitStreaming(chats);
            scenario.timelines().forEach((chat, timeline) -> assertThat(owners.get(timeline.partition()))
                    .as("instance owning chat %s", chat).isEqualTo(Instance.EXTRA));
            Map<Integer, Long> atStop = probe.endOffsets(Topics.CHAT_EVENTS);

            // stop() waits 30 s for the process before it kills it: far more than this drain of a few seconds.
            ServiceProcess draining = extra;
            long stopStart = System.nanoTime();
            CompletableFuture<Integer> stopping = CompletableFuture.supplyAsync(draining::stop);
            await("the drain began").atMost(Duration.ofSeconds(20))
                    .until(() -> Files.readString(draining.log()).contains("Draining before the hand-over"));
            // Accepted while the instance drains: queued, and left for the other instance like the rest.
            scenario.sendToEach(chats, "while-draining", chat -> FailureScenario.quickQuestion("sent while draining"));
            stopping.join();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStart);
            Map<Integer, Long> gone = probe.endOffsets(Topics.CHAT_EVENTS);
            // chat.events does not say which instance published what; the stopping instance's log names every turn
            // it started.
            String drainedLog = Files.readString(draining.log());

            Map<String, List<ChatTimeline.Turn>> turns = scenario.awaitEveryMessageEnded(Duration.ofMinutes(2));
            int drained = 0;
            for (String chat : chats) {
                for (ChatTimeline.Turn turn : turns.get(chat)) {
                    String label = scenario.label(turn.clientMessageId());
                    assertThat(turn.completed()).as("chat %s: %s ends as %s (the stop took %s)", chat, label,
                            turn.describeEnding(), stopTook).isTrue();
                    boolean startedThere = drainedLog.contains("turn " + turn.turnId() + " started");
                    if (label.equals("running")) {
                        assertThat(startedThere).as("chat %s: %s started on the stopping instance", chat, label)
                                .isTrue();
                        assertThat(turn.ending().before(gone)).as("chat %s: the stopping instance completed %s",
                                chat, label).isTrue();
                        drained += turn.runningAt(atStop) ? 1 : 0;
                    } else {
                        assertThat(startedThere).as("chat %s: %s started on the stopping instance", chat, label)
                                .isFalse();
                    }
                }
            }
            assertThat(drained).as("turns running when the stop began, completed by the drain").isPositive();
            assertThat(drainedLog).as("the drain's end in the stopping instance's log")
                    .contains("Drained in").contains(": 0 turns still running");
            chats.forEach(scenario::assertHistoryShowsEveryQuestionWithItsEnding);
        }
    }

    /**
     * The stack's chat-service and an extra one, both in the group with partitions of their own; returns which
     * instance owns each chat.commands partition.
     */
    private static Map<Integer, Instance> twoInstances() {
        return twoInstances(Map.of());
    }

    /** As {@link #twoInstances()}, the extra instance with these settings (started again if it had others). */
    private static Map<Integer, Instance> twoInstances(Map<String, String> settings) {
        if (!stack.service(ServiceName.CHAT).isAlive()) {
            stack.restart(ServiceName.CHAT);
        }
        if (extra != null && extra.isAlive() && !extraSettings.equals(settings)) {
            extra.stop();
        }
        if (extra == null || !extra.isAlive()) {
            Map<String, String> config = new HashMap<>(settings);
            config.put("mp.messaging.incoming.chat-commands.client.id", EXTRA_CLIENT_ID);
            extra = stack.startExtra(ServiceName.CHAT, config);
            extraSettings = Map.copyOf(settings);
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

    /** {@code count} new chats whose chat.commands partition (Kafka's default for their key) the instance owns. */
    private static List<String> createChatsOf(Instance instance, Map<Integer, Instance> owners, String name,
            int count) {
        String projectId = api.createProject(name);
        int partitions = probe.endOffsets(Topics.CHAT_COMMANDS).size();
        List<String> chats = new ArrayList<>();
        for (int i = 1; chats.size() < count; i++) {
            assertThat(i).as("chats created to find %d of %s", count, instance).isLessThanOrEqualTo(20 * count);
            String chat = api.createChat(projectId, name + " " + i);
            if (ownerOfPartition(chat, owners, partitions) == instance) {
                chats.add(chat);
            }
        }
        return chats;
    }

    /** The instance owning the chat's chat.commands partition (Kafka's default for its key). */
    private static Instance ownerOfPartition(String chat, Map<Integer, Instance> owners, int partitions) {
        return owners.get(Utils.toPositive(Utils.murmur2(chat.getBytes(UTF_8))) % partitions);
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
