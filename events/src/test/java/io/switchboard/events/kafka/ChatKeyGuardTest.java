package io.switchboard.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TextDelta;

class ChatKeyGuardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChatKeyGuard guard = new ChatKeyGuard(registry);

    @Test
    void admitsARecordKeyedByItsChatId() {
        String chatId = UUID.randomUUID().toString();

        assertThat(guard.admit(record(chatId, delta(chatId)))).isTrue();
        assertThat(registry.find(ChatKeyGuard.REJECTED_METRIC).counters()).isEmpty();
    }

    @Test
    void rejectsAndCountsEveryKindOfBadRecord() {
        String chatId = UUID.randomUUID().toString();

        assertThat(guard.admit(record(chatId, null))).isFalse();
        assertThat(guard.admit(record(chatId, delta(null)))).isFalse();
        assertThat(guard.admit(record("chat-7", delta("chat-7")))).isFalse();
        assertThat(guard.admit(record(UUID.randomUUID().toString(), delta(chatId)))).isFalse();
        assertThat(guard.admit(record(null, delta(chatId)))).isFalse();

        assertThat(count(Rejection.UNREADABLE)).isEqualTo(1.0);
        assertThat(count(Rejection.MISSING_CHAT_ID)).isEqualTo(1.0);
        assertThat(count(Rejection.INVALID_CHAT_ID)).isEqualTo(1.0);
        assertThat(count(Rejection.KEY_MISMATCH)).isEqualTo(2.0);
    }

    private double count(Rejection reason) {
        return registry.get(ChatKeyGuard.REJECTED_METRIC).tag("topic", "chat.events").tag("reason", reason.code())
                .counter().count();
    }

    private static Envelope delta(String chatId) {
        return Envelope.of(chatId, "t1", 1, null, new TextDelta("hi"));
    }

    private static ConsumerRecord<String, Envelope> record(String key, Envelope value) {
        return new ConsumerRecord<>("chat.events", 2, 40L, key, value);
    }
}
