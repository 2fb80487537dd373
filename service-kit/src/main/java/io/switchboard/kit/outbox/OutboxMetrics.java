package io.switchboard.kit.outbox;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * {@code switchboard.outbox.pending} and {@code switchboard.outbox.set.aside} (rows, as of the last sweep),
 * {@code switchboard.outbox.published}, and {@code switchboard.outbox.publish.failures} tagged
 * {@code outcome=retried} (tried again later) or {@code outcome=set-aside} (never publishable).
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxMetrics {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final Counter published;
    private final Counter retried;
    private final Counter setAsideNow;

    public OutboxMetrics(MeterRegistry registry) {
        registry.gauge("switchboard.outbox.pending", pending);
        registry.gauge("switchboard.outbox.set.aside", setAside);
        this.published = registry.counter("switchboard.outbox.published");
        this.retried = registry.counter("switchboard.outbox.publish.failures", "outcome", "retried");
        this.setAsideNow = registry.counter("switchboard.outbox.publish.failures", "outcome", "set-aside");
    }

    void counted(OutboxCounts counts) {
        pending.set(counts.pending());
        setAside.set(counts.setAside());
    }

    void record(PublishOutcome outcome) {
        switch (outcome.kind()) {
            case PUBLISHED -> published.increment();
            case FAILED -> retried.increment();
            case SET_ASIDE -> setAsideNow.increment();
        }
    }
}
