package io.switchboard.chat.service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which chat.commands partitions this instance owns, and the commands being handled on each. A partition is
 * released only once its in-flight commands are done, so nothing this instance publishes for a chat can
 * interleave with the next owner's events.
 */
@ApplicationScoped
public class PartitionOwnership {

    private final Set<Integer> owned = new HashSet<>();
    private final Map<Integer, Integer> inFlight = new HashMap<>();
    private boolean shuttingDown;

    public synchronized void acquire(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    /** Starts handling a command of the partition; false when this instance does not own it. */
    public synchronized boolean enter(int partition) {
        if (!owned.contains(partition)) {
            return false;
        }
        inFlight.merge(partition, 1, Integer::sum);
        return true;
    }

    public synchronized void exit(int partition) {
        inFlight.computeIfPresent(partition, (p, count) -> count <= 1 ? null : count - 1);
        notifyAll();
    }

    /** Gives the partitions up, waiting (at most {@code timeout}) for their in-flight commands. */
    public synchronized void release(Collection<Integer> partitions, Duration timeout) throws InterruptedException {
        owned.removeAll(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(inFlight::containsKey)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** The instance is stopping: returns the partitions it owns, to be handed over. */
    public synchronized Set<Integer> shutDown() {
        shuttingDown = true;
        return Set.copyOf(owned);
    }

    /**
     * True once the instance is stopping. Its consumer then still holds its partitions for a while, and a command
     * it skips must not be acknowledged: that would commit it although no one ran it.
     */
    public synchronized boolean shuttingDown() {
        return shuttingDown;
    }
}
