package io.switchboard.chat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.switchboard.events.lifecycle.ChatActivityChanged;
import io.switchboard.testing.kafka.SkippedTypes;

/** session.lifecycle records passed over unread are never ones the lifecycle consumer acts on. */
class LifecycleSkipTypesTest {

    @Test
    void theTypesPassedOverUnreadAreNoneTheConsumerHandles() {
        assertThat(SkippedTypes.ofChannel("chat-lifecycle")).contains(ChatActivityChanged.class)
                .doesNotContainAnyElementsOf(ChatLifecycleConsumer.HANDLED);
    }
}
