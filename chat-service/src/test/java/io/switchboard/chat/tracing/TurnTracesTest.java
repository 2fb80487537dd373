package io.switchboard.chat.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.testing.tracing.CapturedSpans;

class TurnTracesTest {

    private final CapturedSpans captured = new CapturedSpans();
    private final OpenTelemetry telemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(captured).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final TurnTraces traces = new TurnTraces(telemetry);

    @Test
    void aFailedTurnsSpanEndsAsAnErrorWithItsReason() {
        Turn turn = turn();
        traces.queued(turn, Context.root());
        String traceId = traceIdOf(turn.id());

        traces.ended(turn.id(), TurnStatus.FAILED, "model_error");

        SpanData span = captured.ofTrace(traceId).get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("switchboard.turn.reason")))
                .isEqualTo("model_error");
        assertThat(traces.headersFor(turn.id())).isNull();
    }

    @Test
    void aTurnHandedOverEndsItsSpanAndAnUnknownTurnHasNoChildren() {
        Turn turn = turn();
        traces.queued(turn, Context.root());
        String traceId = traceIdOf(turn.id());

        traces.handedOver(turn.id());
        traces.ended(turn.id(), TurnStatus.COMPLETED, null);

        assertThat(captured.ofTrace(traceId)).singleElement().satisfies(span -> assertThat(span.getAttributes()
                .get(AttributeKey.stringKey("switchboard.turn.outcome"))).isEqualTo("handed_over"));
        assertThat(traces.child(turn.id(), "model step").getSpanContext().isValid()).isFalse();
        assertThat(traces.child(null, "model step").getSpanContext().isValid()).isFalse();
    }

    @Test
    void theWorkRunsWithTheSpanCurrentSoCallsItMakesAreItsChildren() {
        Turn turn = turn();
        traces.queued(turn, Context.root());
        Span tool = traces.child(turn.id(), "tool call");

        SpanContext seen = TurnTraces.within(tool, () -> Uni.createFrom().item(() -> Span.current().getSpanContext()))
                .await().indefinitely();

        assertThat(seen).isEqualTo(tool.getSpanContext());
        assertThat(Span.current().getSpanContext().isValid()).as("nothing stays current afterwards").isFalse();
        TurnTraces.end(tool, true, "x".repeat(1000));
        assertThat(captured.ofTrace(tool.getSpanContext().getTraceId())).singleElement()
                .satisfies(span -> assertThat(span.getStatus().getDescription()).hasSize(TurnTraces.MAX_DESCRIPTION));
    }

    @Test
    void beyondTheLimitOfOpenTurnsANewTurnIsNotTraced() {
        for (int i = 0; i < TurnTraces.MAX_OPEN; i++) {
            traces.queued(turn(), Context.root());
        }
        Turn oneTooMany = turn();
        traces.queued(oneTooMany, Context.root());

        assertThat(traces.openCount()).isEqualTo(TurnTraces.MAX_OPEN);
        assertThat(traces.headersFor(oneTooMany.id())).isNull();
    }

    private String traceIdOf(UUID turnId) {
        return new String(traces.headersFor(turnId).lastHeader("traceparent").value()).split("-")[1];
    }

    private static Turn turn() {
        return new Turn(UUID.randomUUID(), "tenant", UUID.randomUUID().toString(), "m", "alice", "hi", "offline",
                TurnStatus.QUEUED, 0);
    }
}
