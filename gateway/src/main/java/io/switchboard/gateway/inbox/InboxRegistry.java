package io.switchboard.gateway.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.kit.security.Caller;

/**
 * The connections that asked for their user's needs-attention frames, by user (tenant and subject).
 * Announcing only queues frames on the connections' outbound buffers.
 */
@ApplicationScoped
public class InboxRegistry {

    private final ConcurrentMap<Caller, Map<FrameSink, Instant>> subscribers = new ConcurrentHashMap<>();

    /** True when the sink was not subscribed yet. */
    public boolean subscribe(Caller user, FrameSink sink, Instant since) {
        return subscribers.computeIfAbsent(user, ignored -> new ConcurrentHashMap<>()).putIfAbsent(sink, since) == null;
    }

    /** True when the sink was subscribed. */
    public boolean unsubscribe(Caller user, FrameSink sink) {
        boolean[] removed = {false};
        subscribers.computeIfPresent(user, (ignored, sinks) -> {
            removed[0] = sinks.remove(sink) != null;
            return sinks.isEmpty() ? null : sinks;
        });
        return removed[0];
    }

    public boolean hasSubscribers(Caller user) {
        return subscribers.containsKey(user);
    }

    /**
     * Sends the frame to the user's inbox subscribers, except those that subscribed more than
     * {@code grace} after the moment it announces.
     */
    void announce(Caller user, Instant at, Duration grace, String frame) {
        Map<FrameSink, Instant> sinks = subscribers.get(user);
        if (sinks == null) {
            return;
        }
        sinks.forEach((sink, since) -> {
            if (!at.isBefore(since.minus(grace))) {
                sink.send(frame);
            }
        });
    }
}
