package io.switchboard.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' closing table: one aligned row per figure, in the same layout for every benchmark, so
 * runs can be compared line by line.
 */
final class FigureTable {

    private static final int LABEL_WIDTH = 52;
    private static final int WIDTH = 110;

    private final PrintStream out;

    FigureTable(PrintStream out) {
        this.out = out;
    }

    /** Opens the table with its title; {@code %n} in the pattern breaks the title over lines. */
    void title(String pattern, Object... args) {
        out.println();
        out.println("=".repeat(WIDTH));
        out.printf(Locale.ROOT, pattern + "%n", args);
        rule();
    }

    void row(String label, String value) {
        out.printf(Locale.ROOT, "%-" + LABEL_WIDTH + "s %s%n", label, value);
    }

    void rule() {
        out.println("-".repeat(WIDTH));
    }

    /**
     * Closes the table with the run's failures, the first {@code shown} problems seen and the verdict.
     *
     * @param kept which problems were kept, when there were more than {@code shown}
     */
    void end(List<String> failures, List<String> problems, int shown, String kept, boolean passed) {
        rule();
        failures.forEach(failure -> row("Failure", failure));
        problems.stream().limit(shown).forEach(problem -> row("Problem seen", problem));
        if (problems.size() > shown) {
            row("Problem seen", "... " + (problems.size() - shown) + " more (" + kept + ")");
        }
        row("RESULT", passed ? "PASS" : "FAIL");
        out.println("=".repeat(WIDTH));
    }

    static String latency(Latency latency) {
        return format("p50 %s  p99 %s  max %s  (n=%,d)", Latency.millis(latency.p50Micros()),
                Latency.millis(latency.p99Micros()), Latency.millis(latency.maxMicros()), latency.count());
    }

    static String seconds(Duration duration) {
        return format("%.1f s", RunClock.seconds(duration));
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
