package io.switchboard.kit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TextDelta;

class ChatLogContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aRecordNamingATraceLogsItsIdNextToTheChatsIds() {
        Envelope event = Envelope.of(UUID.randomUUID().toString(), "tenant-t", 3, UUID.randomUUID(),
                new TextDelta("x"));

        ChatLogContext.enter(event, headers("00-" + TRACE + "-00f067aa0ba902b7-01"));

        assertThat(MDC.get(ChatLogContext.TRACE_ID)).isEqualTo(TRACE);
        assertThat(MDC.get(ChatLogContext.CHAT_ID)).isEqualTo(event.chatId());
        assertThat(MDC.get(ChatLogContext.TURN_ID)).isEqualTo(event.turnId().toString());

        ChatLogContext.enter(event, new RecordHeaders());
        assertThat(MDC.get(ChatLogContext.TRACE_ID)).as("the previous record's trace is not carried over").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "01-" + TRACE + "-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-" + TRACE + "-00f067aa0ba902b7-01 ", "00-" + TRACE + "x00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473\u00e9-00f067aa0ba902b7-0"})
    void aHeaderThatIsNoTraceparentNamesNoTrace(String value) {
        assertThat(ChatLogContext.traceIdOf(headers(value))).isNull();
    }

    @Test
    void noHeadersOrAnEmptyValueNameNoTrace() {
        RecordHeaders empty = new RecordHeaders();
        empty.add("traceparent", null);

        assertThat(ChatLogContext.traceIdOf(null)).isNull();
        assertThat(ChatLogContext.traceIdOf(empty)).isNull();
    }

    private static RecordHeaders headers(String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
