package io.switchboard.bench;

import java.time.Duration;

/** Time as the benchmarks measure, rate and wait: on the monotonic clock, and an interrupt ends the run. */
final class RunClock {

    private RunClock() {
    }

    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Zero for an empty period, so a table never shows Infinity or NaN as a rate. */
    static double perSecond(long count, Duration period) {
        double seconds = period.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
