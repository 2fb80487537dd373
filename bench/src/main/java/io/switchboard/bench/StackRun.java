package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import io.switchboard.launcher.Stack;

/**
 * One measurement on the full stack: starts it, times the start, hands it over and stops it again even
 * when the measurement fails, so a run never leaves the stack behind.
 */
final class StackRun {

    private StackRun() {
    }

    /** What a benchmark measures once the stack is up. */
    interface Measurement<T> {

        /**
         * @param stackStart  how long starting the stack took
         * @param loadAtStart one-minute load average before anything started
         */
        T measure(Stack stack, Duration stackStart, String loadAtStart);
    }

    /**
     * @param result what the measurement returned
     * @param total  the whole run, stopping the stack included
     */
    record Measured<T>(T result, Duration total) {
    }

    /**
     * @param projectRoot only for the progress line: {@code start} already knows it
     * @param start       starts the stack
     */
    static <T> Measured<T> run(Path projectRoot, Supplier<BenchStack> start, Measurement<T> measurement) {
        long runStarted = System.nanoTime();
        String loadAtStart = MachineLoad.now();
        progress("starting Kafka, PostgreSQL and the four services from %s", projectRoot);
        T measured;
        try (BenchStack bench = start.get()) {
            Duration stackStart = since(runStarted);
            progress("stack ready in %.1f s; data in %s", seconds(stackStart), bench.dataDir());
            measured = measurement.measure(bench.stack(), stackStart, loadAtStart);
            progress("stopping the stack");
        }
        return new Measured<>(measured, since(runStarted));
    }
}
