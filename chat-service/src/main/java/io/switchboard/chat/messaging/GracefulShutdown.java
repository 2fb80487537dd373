package io.switchboard.chat.messaging;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.service.PartitionOwnership;
import io.switchboard.chat.service.StreamRecovery;
import io.switchboard.chat.service.TurnScheduler;

/**
 * On a normal stop, first lets running turns finish for up to {@code drain-timeout} (a rolling update need not
 * fail them), then hands every chat over while Kafka can still be written to: turns still running end as
 * interrupted and every stream is checkpointed, so the next owner needs no recovery read.
 */
@ApplicationScoped
public class GracefulShutdown {

    private final PartitionOwnership ownership;
    private final StreamRecovery recovery;
    private final TurnScheduler scheduler;
    private final ChatConfig config;

    public GracefulShutdown(PartitionOwnership ownership, StreamRecovery recovery, TurnScheduler scheduler,
            ChatConfig config) {
        this.ownership = ownership;
        this.recovery = recovery;
        this.scheduler = scheduler;
        this.config = config;
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        boolean interrupted = drain(config.scheduling().drainTimeout());
        // Stopping only from here on: during the drain commands are handled and acknowledged as usual, and a
        // rebalance meanwhile moves partitions as it always does, so the set to hand over is known only now.
        recovery.handOver(ownership.shutDown(), true);
        // Passed on after the hand-over, which waits too and would otherwise give up at once.
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts no more turns and waits for the running ones; true when the wait was interrupted. Runs on the
     * shutdown thread, which may block; turns end on event loops, which the wait does not hold up. Commands keep being
     * handled meanwhile, so what they queue stays queued for the next owner.
     */
    private boolean drain(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return false;
        }
        long start = System.nanoTime();
        Log.infof("Draining before the hand-over: %d turns running, waiting up to %s", scheduler.stopGranting(),
                timeout);
        boolean interrupted = false;
        int left;
        try {
            left = scheduler.awaitIdle(timeout);
        } catch (InterruptedException e) {
            interrupted = true;
            left = scheduler.running();
        }
        Log.infof("Drained in %d ms: %d turns still running, to end as interrupted",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), left);
        return interrupted;
    }
}
