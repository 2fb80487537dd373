package io.switchboard.gateway.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.kit.tracing.KafkaTraceHeaders;

/**
 * The span of a command put on chat.commands, a child of whatever is current (the HTTP request's span, or nothing
 * for a WebSocket frame, which then starts a trace). The record names it in its headers, so the turn chat-service
 * runs for the command, and the fan-out of that turn's events, join the same trace.
 */
@ApplicationScoped
public class CommandTraces {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public CommandTraces(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("io.switchboard.gateway");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the command's span; end it with {@link #sent} once Kafka answered. */
    public Span start(Envelope command) {
        return tracer.spanBuilder(Topics.CHAT_COMMANDS + " publish").setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", Topics.CHAT_COMMANDS)
                .setAttribute("switchboard.chat.id", command.chatId())
                .setAttribute("switchboard.command", command.type())
                .startSpan();
    }

    /** Headers naming the span; null when it is no real span (tracing off), so the record carries none. */
    public RecordHeaders headers(Span span) {
        if (!span.getSpanContext().isValid()) {
            return null;
        }
        RecordHeaders headers = new RecordHeaders();
        KafkaTraceHeaders.inject(propagator, span, headers);
        return headers;
    }

    public static void sent(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, "Kafka did not take the command");
        }
        span.end();
    }
}
