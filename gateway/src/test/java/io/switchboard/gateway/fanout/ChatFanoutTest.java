package io.switchboard.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.MemorySize;
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
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.config.GatewayConfig;

class ChatFanoutTest {

    private final ChatFanout fanout = new ChatFanout(config(3));
    private final String chat = UUID.randomUUID().toString();

    @Test
    void replaysRetainedEventsThenLiveOnesWithoutDuplicates() {
        publish(chat, 1, 2, 3);
        List<String> frames = new CopyOnWriteArrayList<>();

        fanout.subscribe(chat, frames::add, Map.of(EventStream.CHAT, 1L));
        publish(chat, 3, 4);

        assertThat(seqs(frames)).containsExactly(2L, 3L, 4L);
        assertThat(types(frames)).first().isEqualTo("subscribed");
    }

    @Test
    void announcesAResyncWhenRetentionNoLongerReachesTheClientsSeq() {
        publish(chat, 1, 2, 3, 4, 5);
        List<String> frames = new CopyOnWriteArrayList<>();

        fanout.subscribe(chat, frames::add, Map.of(EventStream.CHAT, 0L));

        assertThat(types(frames)).containsExactly("subscribed", "resync", "event", "event", "event");
        assertThat(seqs(frames)).containsExactly(3L, 4L, 5L);
    }

    @Test
    void forgetsOnlyIdleChatsNobodyFollows() {
        String followed = UUID.randomUUID().toString();
        publish(chat, 1);
        publish(followed, 1);
        List<String> frames = new CopyOnWriteArrayList<>();
        fanout.subscribe(followed, frames::add, Map.of());

        assertThat(fanout.evictIdle(Duration.ZERO)).isEqualTo(1);
        assertThat(fanout.feedCount()).isEqualTo(1);
        publish(followed, 2);
        assertThat(seqs(frames)).containsExactly(2L);

        List<String> late = new CopyOnWriteArrayList<>();
        fanout.subscribe(chat, late::add, Map.of(EventStream.CHAT, 1L));
        publish(chat, 2);
        assertThat(seqs(late)).containsExactly(2L);
        assertThat(fanout.evictIdle(Duration.ofHours(1))).isZero();
    }

    @Test
    void aChatIsPassedOverOnlyWhileNobodyFollowsItOrIsAboutTo() {
        assertThat(fanout.passOver(chat, 3, 100)).isTrue();
        SubscribeHold hold = fanout.hold(chat);
        assertThat(hold.gap()).as("where the passed-over records begin").isNotNull();
        assertThat(hold.gap().partition()).isEqualTo(3);
        assertThat(hold.gap().offset()).isEqualTo(100);
        assertThat(fanout.passOver(chat, 3, 101)).as("held for a subscribe").isFalse();
        Subscription subscription = fanout.subscribe(chat, frame -> { }, Map.of());
        hold.release();
        assertThat(fanout.passOver(chat, 3, 102)).as("followed").isFalse();
        fanout.unsubscribe(subscription);
        assertThat(fanout.passOver(chat, 3, 103)).isTrue();
        assertThat(fanout.hold(chat).gap().offset()).as("a new gap, from the first record after").isEqualTo(103);
    }

    @Test
    void eventsReadBackFillTheHolesOfTheRetainedOnesInSeqOrder() {
        ChatFanout wide = new ChatFanout(config(10));
        wide.publish(EventStream.CHAT, Envelope.of(chat, "t1", 1, null, new TextDelta("w1")));
        wide.publish(EventStream.CHAT, Envelope.of(chat, "t1", 5, null, new TextDelta("w5")));
        SubscribeHold hold = wide.hold(chat);
        wide.fillIn(hold, List.of(Envelope.of(chat, "t1", 2, null, new TextDelta("w2")),
                Envelope.of(chat, "t1", 3, null, new TextDelta("w3")),
                Envelope.of(chat, "t1", 4, null, new TextDelta("w4")),
                Envelope.of(chat, "t1", 5, null, new TextDelta("again")),
                Envelope.of(chat, "t1", 6, null, new TextDelta("w6"))));
        List<String> frames = new CopyOnWriteArrayList<>();
        wide.subscribe(chat, frames::add, Map.of(EventStream.CHAT, 0L));
        hold.release();

        assertThat(types(frames)).doesNotContain("resync");
        assertThat(seqs(frames)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(frames).noneMatch(frame -> frame.contains("again"));
        assertThat(read(frames.get(0)).path("latestSeq").asLong()).isEqualTo(6);
    }

    @Test
    void withoutTheHolesFilledASubscriberIsToldToReloadThem() {
        publish(chat, 1, 5);
        List<String> frames = new CopyOnWriteArrayList<>();
        fanout.subscribe(chat, frames::add, Map.of(EventStream.CHAT, 0L));
        assertThat(types(frames)).containsExactly("subscribed", "event", "resync", "event");
    }

    @Test
    void aChatStreamingUnreadIsNotForgottenWhileItsRecordsArePassedOver() {
        Duration idle = Duration.ofMillis(100);
        publish(chat, 2L, UUID.randomUUID(), new TurnStarted("offline"));
        await().pollDelay(idle.multipliedBy(2)).until(() -> true);
        fanout.passOver(chat, 0, 7);
        assertThat(fanout.evictIdle(idle)).as("its retained frames are quiet, its stream is not").isZero();

        await().pollDelay(idle.multipliedBy(2)).until(() -> true);
        assertThat(fanout.evictIdle(idle)).isEqualTo(1);
        assertThat(fanout.passedOverChats()).isZero();
    }

    @Test
    void aReplayLargerThanTheSinksSpareCapacityBecomesOneResync() {
        publish(chat, 1, 2, 3);
        List<String> frames = new CopyOnWriteArrayList<>();
        FrameSink nearlyFull = new FrameSink() {
            @Override
            public void send(String frame) {
                frames.add(frame);
            }

            @Override
            public long spareCapacity() {
                return 100;
            }
        };

        fanout.subscribe(chat, nearlyFull, Map.of(EventStream.CHAT, 1L));
        publish(chat, 4);

        assertThat(types(frames)).containsExactly("subscribed", "resync", "event");
        JsonNode resync = read(frames.get(1));
        assertThat(resync.path("lastDeliveredSeq").asLong()).isEqualTo(1);
        assertThat(resync.path("nextSeq").asLong()).isEqualTo(4);
        assertThat(seqs(frames)).containsExactly(4L);
    }

    @Test
    void theSnapshotFollowsTheTurnsOfTheChat() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        publish(chat, 1, first, new TurnQueued("c1", "u", "one", "offline", 0));
        assertThat(state().path("busy").asBoolean()).isFalse();
        assertThat(queue()).containsExactly(first + ":one:0");

        publish(chat, 2, first, new TurnStarted("offline"));
        publish(chat, 3, second, new TurnQueued("c2", "u", "two", "offline", 1));
        publish(chat, 4, third, new TurnQueued("c3", "u", "three", "offline", 2));
        assertThat(state().path("runningTurnId").asText()).isEqualTo(first.toString());
        assertThat(queue()).containsExactly(second + ":two:1", third + ":three:2");

        publish(chat, 5, third, new QueuedTurnEdited("three!"));
        publish(chat, 6, second, new TurnCancelled(TurnCancelled.CANCELLED));
        assertThat(queue()).containsExactly(third + ":three!:1");

        publish(chat, 7, first, new TurnFailed("model_error", "boom"));
        assertThat(state().path("busy").asBoolean()).isFalse();
        publish(chat, 8, third, new TurnStarted("offline"));
        assertThat(state().path("runningTurnId").asText()).isEqualTo(third.toString());
        assertThat(queue()).isEmpty();
        publish(chat, 9, third, new TurnCompleted("done", new TokenUsage(1, 2)));
        assertThat(state().path("busy").asBoolean()).isFalse();
        assertThat(state().path("runningTurnId").isNull()).isTrue();

        // A redelivered record changes nothing.
        publish(chat, 3, second, new TurnQueued("c2", "u", "two", "offline", 1));
        assertThat(queue()).isEmpty();
    }

    private JsonNode state() {
        List<String> frames = new CopyOnWriteArrayList<>();
        Subscription subscription = fanout.subscribe(chat, frames::add, Map.of());
        fanout.unsubscribe(subscription);
        return read(frames.get(0)).path("state");
    }

    private List<String> queue() {
        List<String> turns = new ArrayList<>();
        state().path("queue").forEach(turn -> turns.add(turn.path("turnId").asText() + ":" + turn.path("text").asText()
                + ":" + turn.path("position").asInt()));
        return turns;
    }

    @Test
    void theSubscribedSnapshotShowsAPreviewOfLongQueuedTurns() {
        UUID running = UUID.randomUUID();
        publish(chat, 1, running, new TurnQueued("c0", "alice", "short", "offline", 0));
        publish(chat, 2, running, new TurnStarted("offline"));
        for (int i = 0; i < 60; i++) {
            publish(chat, 3 + i, UUID.randomUUID(), new TurnQueued("c" + (i + 1), "alice", "q".repeat(32_000), "offline",
                    i + 1));
        }
        List<String> frames = new CopyOnWriteArrayList<>();

        fanout.subscribe(chat, frames::add, Map.of());

        JsonNode state = read(frames.get(0)).path("state");
        assertThat(state.path("queueLength").asInt()).isEqualTo(60);
        assertThat(state.path("queue")).hasSize(ChatActivity.MAX_SNAPSHOT_TURNS);
        assertThat(state.path("queue").get(0).path("text").asText()).hasSize(ChatActivity.MAX_PREVIEW_CHARS);
        assertThat(state.path("queue").get(0).path("textTruncated").asBoolean()).isTrue();
        assertThat(frames.get(0).length()).isLessThan(64_000);
    }

    @Test
    void aChatKeepsNoMoreThanItsByteBoundAndAResumeBeforeThatIsAResync() {
        ChatFanout bounded = new ChatFanout(config(1000, 40_000, 1 << 28));
        String big = "x".repeat(8_000);
        for (long seq = 1; seq <= 20; seq++) {
            bounded.publish(EventStream.CHAT, Envelope.of(chat, "t1", seq, null, new TextDelta(big)));
        }

        assertThat(bounded.retainedBytes()).isLessThanOrEqualTo(40_000).isGreaterThan(16_000);
        List<String> frames = new CopyOnWriteArrayList<>();
        bounded.subscribe(chat, frames::add, Map.of(EventStream.CHAT, 0L));
        assertThat(types(frames)).startsWith("subscribed", "resync").endsWith("event");
        assertThat(seqs(frames)).last().isEqualTo(20L);
    }

    @Test
    void theTotalBoundDropsTheLeastRecentlyActiveChatsRetentionFirst() {
        ChatFanout bounded = new ChatFanout(config(1000, 1 << 20, 200_000));
        String big = "y".repeat(10_000);
        List<String> chats = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            String chatId = UUID.randomUUID().toString();
            chats.add(chatId);
            for (long seq = 1; seq <= 3; seq++) {
                bounded.publish(EventStream.CHAT, Envelope.of(chatId, "t1", seq, null, new TextDelta(big)));
            }
        }

        assertThat(bounded.retainedBytes()).isLessThanOrEqualTo(200_000);
        List<String> newest = new CopyOnWriteArrayList<>();
        bounded.subscribe(chats.get(19), newest::add, Map.of(EventStream.CHAT, 0L));
        assertThat(seqs(newest)).as("the most recent chat keeps its replay").containsExactly(1L, 2L, 3L);
        List<String> oldest = new CopyOnWriteArrayList<>();
        bounded.subscribe(chats.get(0), oldest::add, Map.of(EventStream.CHAT, 0L));
        assertThat(types(oldest)).as("the oldest chat's replay was dropped: the client reloads its history")
                .containsExactly("subscribed", "resync");
    }

    @Test
    void trimmingToTheTotalBoundWhileOtherThreadsPublishNeverFailsAPublish() throws Exception {
        ChatFanout bounded = new ChatFanout(config(1000, 1 << 20, 64_000));
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            chats.add(UUID.randomUUID().toString());
        }
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int offset = t;
            Thread publisher = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        String chatId = chats.get((i * 7 + offset * 131) % chats.size());
                        bounded.publish(EventStream.values()[offset],
                                Envelope.of(chatId, "t1", i + 1, null, new TextDelta("word " + i)));
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            });
            publishers.add(publisher);
            publisher.start();
        }
        for (Thread publisher : publishers) {
            publisher.join();
        }

        assertThat(failures).isEmpty();
        assertThat(bounded.retainedBytes()).isLessThanOrEqualTo(64_000 + 1_000);
    }

    private void publish(String chatId, long seq, UUID turnId, EventPayload payload) {
        fanout.publish(EventStream.CHAT, Envelope.of(chatId, "t1", seq, turnId, payload));
    }

    private void publish(String chatId, long... seqs) {
        for (long seq : seqs) {
            fanout.publish(EventStream.CHAT, Envelope.of(chatId, "t1", seq, null, new TextDelta("w" + seq)));
        }
    }

    private static List<Long> seqs(List<String> frames) {
        return frames.stream().map(ChatFanoutTest::read).filter(f -> f.path("type").asText().equals("event"))
                .map(f -> f.at("/event/seq").asLong()).toList();
    }

    private static List<String> types(List<String> frames) {
        return frames.stream().map(ChatFanoutTest::read).map(f -> f.path("type").asText()).toList();
    }

    private static JsonNode read(String frame) {
        try {
            return EventJson.mapper().readTree(frame);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GatewayConfig config(int retained) {
        return config(retained, 1 << 20, 1 << 28);
    }

    private static GatewayConfig config(int retained, long bytesPerChat, long bytesTotal) {
        return new GatewayConfig() {
            @Override
            public String instanceId() {
                return "test";
            }

            @Override
            public int retainedEventsPerChat() {
                return retained;
            }

            @Override
            public MemorySize retainedBytesPerChat() {
                return new MemorySize(BigInteger.valueOf(bytesPerChat));
            }

            @Override
            public MemorySize retainedBytesTotal() {
                return new MemorySize(BigInteger.valueOf(bytesTotal));
            }

            @Override
            public Duration replayWindow() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration membershipCacheTtl() {
                return Duration.ofSeconds(30);
            }

            @Override
            public boolean followOnly() {
                return true;
            }

            @Override
            public GapReads gapReads() {
                throw new UnsupportedOperationException("the fan-out reads nothing from Kafka");
            }
        };
    }
}
