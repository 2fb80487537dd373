package io.switchboard.gateway.ws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The WebSocket's meters; names as listed in docs/websocket.md. */
@ApplicationScoped
public class SocketMetrics {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger inboxSubscriptions = new AtomicInteger();
    private final Counter delivered;
    private final Timer latency;
    private final Counter slowConsumersClosed;
    private final Counter rateLimited;
    private final MeterRegistry registry;

    public SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("switchboard.ws.connections", connections);
        registry.gauge("switchboard.ws.subscriptions", subscriptions);
        registry.gauge("switchboard.ws.inbox.subscriptions", inboxSubscriptions);
        delivered = Counter.builder("switchboard.ws.events.delivered")
                .description("Event frames written to WebSocket clients, live and replayed")
                .register(registry);
        latency = Timer.builder("switchboard.ws.delivery.latency")
                .description("From the gateway consuming a live event to its frame being written to a client")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        slowConsumersClosed = Counter.builder("switchboard.ws.slow.consumers.closed")
                .description("Connections closed because their outbound buffer overflowed")
                .register(registry);
        rateLimited = Counter.builder("switchboard.ws.frames.rate.limited")
                .description("Client frames refused by the per-connection rate limit")
                .register(registry);
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void subscriptionsChanged(int delta) {
        subscriptions.addAndGet(delta);
    }

    void inboxSubscriptionsChanged(int delta) {
        inboxSubscriptions.addAndGet(delta);
    }

    void delivered(long consumedAtNanos) {
        delivered.increment();
        if (consumedAtNanos != 0) {
            latency.record(System.nanoTime() - consumedAtNanos, TimeUnit.NANOSECONDS);
        }
    }

    void slowConsumerClosed() {
        slowConsumersClosed.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void handshakeRejected(String reason) {
        registry.counter("switchboard.ws.handshakes.rejected", "reason", reason).increment();
    }
}
