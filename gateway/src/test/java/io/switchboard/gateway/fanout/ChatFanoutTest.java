package io.switchboard.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TextDelta;
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
            public Duration replayWindow() {
                return Duration.ofMinutes(5);
            }
        };
    }
}
