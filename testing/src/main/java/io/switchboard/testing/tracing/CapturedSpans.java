package io.switchboard.testing.tracing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans a test application ended, kept in memory instead of exported (tests turn the exporters off). A service's
 * tests produce it as a CDI bean, which Quarkus adds to its tracer provider like any {@link SpanProcessor} bean.
 * Every test of a module runs in the same application, so only the most recent spans are kept.
 */
public class CapturedSpans implements SpanProcessor {

    private static final int KEPT = 20_000;

    private final Deque<SpanData> spans = new ArrayDeque<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanData data = span.toSpanData();
        synchronized (spans) {
            spans.addLast(data);
            if (spans.size() > KEPT) {
                spans.removeFirst();
            }
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** The ended spans of this trace, oldest first. */
    public List<SpanData> ofTrace(String traceId) {
        synchronized (spans) {
            return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
        }
    }
}
