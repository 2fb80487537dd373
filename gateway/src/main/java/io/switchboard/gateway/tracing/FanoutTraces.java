package io.switchboard.gateway.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.switchboard.events.Envelope;
import io.switchboard.kit.tracing.KafkaTraceHeaders;

/**
 * A span for handing an event to its subscribers, as a child of the span its record names (a turn's, from
 * chat-service), so the fan-out ends the turn's trace. Only records of a trace being recorded get one: this is the
 * gateway's busiest path, and a record without headers costs a single check.
 */
@ApplicationScoped
public class FanoutTraces {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public FanoutTraces(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("io.switchboard.gateway");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** Runs the delivery, inside a span when the record belongs to a recorded trace. */
    public void around(ConsumerRecord<String, Envelope> record, Runnable delivery) {
        Headers headers = record.headers();
        if (headers == null || !headers.iterator().hasNext()) {
            delivery.run();
            return;
        }
        Context parent = KafkaTraceHeaders.extract(propagator, headers);
        if (!Span.fromContext(parent).getSpanContext().isSampled()) {
            delivery.run();
            return;
        }
        Envelope event = record.value();
        String topic = record.topic();
        Span span = tracer.spanBuilder(topic + " fan-out").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("switchboard.chat.id", event.chatId())
                .setAttribute("switchboard.event", event.type())
                .setAttribute("switchboard.seq", event.seq())
                .startSpan();
        try {
            delivery.run();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, "delivery failed");
            throw e;
        } finally {
            span.end();
        }
    }
}
