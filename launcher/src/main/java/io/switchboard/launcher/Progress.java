package io.switchboard.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What the run command prints while it starts: one line per server or service as it ends, and for a failure the
 * end of the failed one's log. Everything else the stack logs goes to files.
 */
final class Progress implements Stack.StartListener {

    static final String PREFIX = "[switchboard] ";
    static final int TAIL_LINES = 30;
    /** Wide enough for "git-workspace-service ready", so that the times line up. */
    private static final int STAGE_WIDTH = 28;

    private final PrintStream out;
    private final List<Failure> failures = new ArrayList<>();

    private record Failure(String component, RuntimeException cause, Path log) {
    }

    Progress(PrintStream out) {
        this.out = out;
    }

    /** {@code [switchboard] Kafka ready                  6.1 s}; the switchboard script prints its build line alike. */
    static String readyLine(String stage, Duration took) {
        return String.format(Locale.ROOT, "%s%-" + STAGE_WIDTH + "s %6.1f s", PREFIX, stage, seconds(took));
    }

    static String failedLine(String component, Duration took) {
        return String.format(Locale.ROOT, "%s%-" + STAGE_WIDTH + "s FAILED after %.1f s", PREFIX, component,
                seconds(took));
    }

    /**
     * A failure in one line: the first line of its message, without the wrappers of the thread that saw it. Kafka's
     * messages carry the broker log's tail after the first line, which the failure report shows on its own.
     */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getName();
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    @Override
    public void ready(String component, Duration took) {
        out.println(readyLine(component + " ready", took));
    }

    @Override
    public void failed(String component, Duration took, RuntimeException failure, Path log) {
        synchronized (failures) {
            failures.add(new Failure(component, failure, log));
        }
        out.println(failedLine(component, took));
    }

    /**
     * The lines that explain why starting failed: for the first component that failed, its error and its log's
     * tail; one line for each further one; just the error when no component failed (no free port, a service not
     * built), pointing at the log the launcher's own logging went to.
     */
    List<String> failureReport(RuntimeException failure, Path ownLog) {
        List<Failure> failed;
        synchronized (failures) {
            failed = List.copyOf(failures);
        }
        List<String> report = new ArrayList<>();
        if (failed.isEmpty()) {
            report.add(PREFIX + "failed: " + describe(failure));
            report.add(PREFIX + "details: " + ownLog);
            return report;
        }
        Failure first = failed.get(0);
        report.add(PREFIX + first.component() + ": " + describe(first.cause()));
        report.addAll(LogTail.report(first.log(), TAIL_LINES));
        for (Failure next : failed.subList(1, failed.size())) {
            report.add(PREFIX + next.component() + " failed too: " + describe(next.cause()) + " (log: " + next.log()
                    + ")");
        }
        return report;
    }

    private static double seconds(Duration took) {
        return took.toMillis() / 1000.0;
    }
}
