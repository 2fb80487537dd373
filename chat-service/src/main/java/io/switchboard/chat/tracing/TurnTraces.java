package io.switchboard.chat.tracing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.kit.tracing.KafkaTraceHeaders;

/**
 * One span per turn, from the moment its message is queued to its ending, as a child of whatever sent the message
 * (the gateway's request, through the chat.commands record's headers). Every chat.events record of the turn names
 * that span in its headers, so the gateway's fan-out joins the same trace; model streams and tool calls are its
 * children. A turn is not on any thread while it waits or streams, hence the map by turn id rather than a scope.
 * With the OpenTelemetry SDK off (the default) every span here is a no-op and nothing is kept.
 */
@ApplicationScoped
public class TurnTraces {

    /** Turns traced at once on this instance; beyond it a turn is not traced rather than memory grown. */
    static final int MAX_OPEN = 50_000;
    static final int MAX_DESCRIPTION = 200;

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final Map<UUID, Span> open = new ConcurrentHashMap<>();

    public TurnTraces(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("io.switchboard.chat");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** The context a command record's headers carry: the parent of the turn it queues. */
    public Context parentOf(Headers headers) {
        return KafkaTraceHeaders.extract(propagator, headers);
    }

    /** The turn was queued: its span starts now. A turn already traced keeps its span. */
    public void queued(Turn turn, Context parent) {
        if (open.containsKey(turn.id()) || open.size() >= MAX_OPEN) {
            return;
        }
        Span span = tracer.spanBuilder("chat turn").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("switchboard.chat.id", turn.chatId())
                .setAttribute("switchboard.tenant.id", turn.tenantId())
                .setAttribute("switchboard.turn.id", turn.id().toString())
                .setAttribute("switchboard.model", turn.model() == null ? "" : turn.model())
                .startSpan();
        if (span.getSpanContext().isValid()) {
            open.put(turn.id(), span);
        }
    }

    /** The turn began to run (it may have waited behind others of its chat or tenant). */
    public void started(UUID turnId) {
        Span span = open.get(turnId);
        if (span != null) {
            span.addEvent("started");
        }
    }

    /** A part of the running turn (a model step, a tool call) as a child span; end it with {@link #end}. */
    public Span child(UUID turnId, String name) {
        Span turn = turnId == null ? null : open.get(turnId);
        if (turn == null) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(name).setParent(Context.root().with(turn)).startSpan();
    }

    /** Ends a child span, as an error when the part failed; the description is cut to a line's length. */
    public static void end(Span span, boolean failed, String description) {
        if (failed) {
            String text = description == null ? "" : description;
            if (text.length() > MAX_DESCRIPTION) {
                int cut = Character.isHighSurrogate(text.charAt(MAX_DESCRIPTION - 1)) ? MAX_DESCRIPTION - 1
                        : MAX_DESCRIPTION;
                text = text.substring(0, cut);
            }
            span.setStatus(StatusCode.ERROR, text);
        }
        span.end();
    }

    /**
     * Subscribes to the work with the span current, so the REST client's own span (and the traceparent it sends
     * to git-workspace-service) is the span's child rather than the start of a trace of its own.
     */
    public static <T> Uni<T> within(Span span, Supplier<Uni<T>> work) {
        if (!span.getSpanContext().isValid()) {
            return Uni.createFrom().deferred(work::get);
        }
        return Uni.createFrom().emitter(emitter -> {
            try (Scope ignored = Context.root().with(span).makeCurrent()) {
                work.get().subscribe().with(emitter::complete, emitter::fail);
            }
        });
    }

    /** Headers naming the turn's span, for a chat.events record of the turn; null for a turn not traced. */
    public RecordHeaders headersFor(UUID turnId) {
        Span span = turnId == null ? null : open.get(turnId);
        if (span == null) {
            return null;
        }
        RecordHeaders headers = new RecordHeaders();
        KafkaTraceHeaders.inject(propagator, span, headers);
        return headers;
    }

    /** The turn ended (completed, failed, cancelled or handed over): its span ends with that outcome. */
    public void ended(UUID turnId, TurnStatus status, String reason) {
        Span span = turnId == null ? null : open.remove(turnId);
        if (span == null) {
            return;
        }
        span.setAttribute("switchboard.turn.outcome", status.name().toLowerCase());
        if (reason != null) {
            span.setAttribute("switchboard.turn.reason", reason);
        }
        if (status == TurnStatus.FAILED) {
            span.setStatus(StatusCode.ERROR, reason == null ? "failed" : reason);
        }
        span.end();
    }

    /** This instance gave the turn up unfinished (its chat was handed over): its span ends here. */
    public void handedOver(UUID turnId) {
        Span span = turnId == null ? null : open.remove(turnId);
        if (span != null) {
            span.setAttribute("switchboard.turn.outcome", "handed_over");
            span.end();
        }
    }

    int openCount() {
        return open.size();
    }
}
