package io.switchboard.kit.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A trace's context in Kafka record headers (W3C {@code traceparent}, and whatever else the configured propagators
 * carry), so a turn started by an HTTP request stays one trace through chat.commands and chat.events. Headers come
 * from anyone who can write to a topic: a header that is not a valid trace context is ignored, never an error.
 */
public final class KafkaTraceHeaders {

    /** Longest header value read; a real traceparent is 55 characters, tracestate at most 512 list members. */
    static final int MAX_VALUE_BYTES = 8 * 1024;

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header header : headers) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null || key == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            if (header == null || header.value() == null || header.value().length > MAX_VALUE_BYTES) {
                return null;
            }
            return new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private KafkaTraceHeaders() {
    }

    /** The context the record's headers carry, on top of the root context; the root context when they carry none. */
    public static Context extract(TextMapPropagator propagator, Headers headers) {
        if (headers == null) {
            return Context.root();
        }
        return propagator.extract(Context.root(), headers, GETTER);
    }

    /** Writes the span's context into the headers, replacing any there; nothing for a span that is not valid. */
    public static void inject(TextMapPropagator propagator, Span span, Headers headers) {
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            propagator.inject(Context.root().with(span), headers, SETTER);
        }
    }
}
