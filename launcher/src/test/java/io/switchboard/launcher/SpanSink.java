package io.switchboard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where the shared stack's services export their spans (OTLP over HTTP with protobuf bodies), standing in for a
 * collector. It answers every export with success and keeps the bodies; a test asks whether a service exported a
 * span of a trace by looking for the trace id's 16 bytes and the service's name in one body, which is enough to
 * tell traces apart without decoding protobuf.
 */
final class SpanSink implements AutoCloseable {

    private static final int KEPT_BODIES = 5_000;

    private final HttpServer server;
    private final Deque<byte[]> bodies = new ArrayDeque<>();

    private SpanSink(HttpServer server) {
        this.server = server;
    }

    static SpanSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SpanSink sink = new SpanSink(server);
            server.createContext("/", sink::handle);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the span sink", e);
        }
    }

    /** The configuration that makes a service trace everything and export here, a fifth of a second apart. */
    Map<String, String> tracingConfig() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
    }

    /** Whether the service named so exported a span of this trace (32 hex digits). */
    boolean exported(String serviceName, String traceId) {
        byte[] trace = HexFormat.of().parseHex(traceId);
        byte[] service = serviceName.getBytes(StandardCharsets.UTF_8);
        return snapshot().stream().anyMatch(body -> contains(body, trace) && contains(body, service));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private List<byte[]> snapshot() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (bodies) {
                bodies.addLast(body);
                if (bodies.size() > KEPT_BODIES) {
                    bodies.removeFirst();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
