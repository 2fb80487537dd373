package io.switchboard.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;

class KafkaTraceHeadersTest {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aSpanWrittenIntoHeadersIsReadBackAsItsParent() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "stale".getBytes(StandardCharsets.UTF_8));
        KafkaTraceHeaders.inject(W3C, span(TraceFlags.getSampled()), headers);

        assertThat(headers.headers("traceparent")).as("the old value is replaced, not repeated").hasSize(1);
        SpanContext read = Span.fromContext(KafkaTraceHeaders.extract(W3C, headers)).getSpanContext();
        assertThat(read.getTraceId()).isEqualTo(TRACE);
        assertThat(read.getSpanId()).isEqualTo(SPAN);
        assertThat(read.isRemote()).isTrue();
        assertThat(carriesSampledTrace(headers)).isTrue();
    }

    @Test
    void anUnsampledTraceTravelsButIsNotWorthASpan() {
        RecordHeaders headers = new RecordHeaders();
        KafkaTraceHeaders.inject(W3C, span(TraceFlags.getDefault()), headers);

        assertThat(headers.lastHeader("traceparent")).isNotNull();
        assertThat(carriesSampledTrace(headers)).isFalse();
    }

    @Test
    void anInvalidSpanWritesNothing() {
        RecordHeaders headers = new RecordHeaders();
        KafkaTraceHeaders.inject(W3C, Span.getInvalid(), headers);

        assertThat(headers.toArray()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "00-" + TRACE + "-" + SPAN, "00-00000000000000000000000000000000-" + SPAN
            + "-01", "00-" + TRACE + "-0000000000000000-01", "ff-" + TRACE + "-" + SPAN + "-01",
            "00-" + TRACE + "-" + SPAN + "-01\u0000", "00-\uD800bf92f3577b34da6a3ce929d0e0e4736-" + SPAN + "-01"})
    void aHeaderThatIsNoTraceContextIsIgnored(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", value.getBytes(StandardCharsets.UTF_8));

        assertThat(Span.fromContext(KafkaTraceHeaders.extract(W3C, headers)).getSpanContext().isValid()).isFalse();
        assertThat(carriesSampledTrace(headers)).isFalse();
    }

    @Test
    void headersWithoutValuesOrTooLongOnesAreIgnored() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", null);
        assertThat(carriesSampledTrace(headers)).isFalse();

        RecordHeaders huge = new RecordHeaders();
        huge.add("traceparent", ("00-" + TRACE + "-" + SPAN + "-01" + " ".repeat(KafkaTraceHeaders.MAX_VALUE_BYTES))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(carriesSampledTrace(huge)).isFalse();
        assertThat(carriesSampledTrace(null)).isFalse();
    }

    /** Whether the headers name a trace being recorded, as the gateway's fan-out asks before it makes a span. */
    private static boolean carriesSampledTrace(RecordHeaders headers) {
        return Span.fromContext(KafkaTraceHeaders.extract(W3C, headers)).getSpanContext().isSampled();
    }

    private static Span span(TraceFlags flags) {
        return Span.wrap(SpanContext.create(TRACE, SPAN, flags, TraceState.getDefault()));
    }
}
