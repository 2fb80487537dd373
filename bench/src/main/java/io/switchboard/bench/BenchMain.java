package io.switchboard.bench;

import java.util.function.BooleanSupplier;

/** What every benchmark's main does around its run: the run's verdict becomes the JVM's exit code. */
final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the benchmark, which prints its figures and says whether it passed, then exits 0 when it did,
     * 1 when the run found a problem and 2 when it could not run.
     */
    static void runAndExit(BooleanSupplier benchmark) {
        int exitCode;
        try {
            exitCode = benchmark.getAsBoolean() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("[bench] the benchmark could not run:");
            e.printStackTrace();
            exitCode = 2;
        }
        System.out.flush();
        // Also ends the Maven JVM under exec:java, with this run's verdict as its exit code.
        System.exit(exitCode);
    }
}
