package io.switchboard.session.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Tells the outbox relay when to run: soon after a request committed an event ({@link #nudge()}), and at the
 * latest every sweep interval for whatever an earlier pass could not publish. A request never waits for Kafka:
 * it commits its row and its outbox entry, nudges, and answers.
 */
@Singleton
public class OutboxSignal implements Scheduled.SkipPredicate {

    private final AtomicBoolean pending = new AtomicBoolean();
    private final long sweepNanos;
    private volatile long lastRunNanos = System.nanoTime();

    public OutboxSignal(@ConfigProperty(name = "switchboard.session.outbox-interval", defaultValue = "1s")
            Duration sweep) {
        this.sweepNanos = sweep.toNanos();
    }

    /** An event was committed: relay it on the next check. */
    public void nudge() {
        pending.set(true);
    }

    /** True when this check has nothing to do. */
    @Override
    public boolean test(ScheduledExecution execution) {
        if (pending.getAndSet(false)) {
            return false;
        }
        return System.nanoTime() - lastRunNanos < sweepNanos;
    }

    void ran() {
        lastRunNanos = System.nanoTime();
    }
}
