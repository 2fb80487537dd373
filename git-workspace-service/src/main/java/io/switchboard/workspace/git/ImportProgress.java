package io.switchboard.workspace.git;

import java.time.Duration;
import java.util.function.BiConsumer;

import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Reports git's progress during an import: the phase ("Receiving objects", "Resolving deltas"...) and its
 * percentage when git knows its size. Reports at most once per {@code interval}, and at every new phase.
 */
public class ImportProgress implements ProgressMonitor {

    private final BiConsumer<String, Integer> report;
    private final long intervalNanos;
    private String phase;
    private int total;
    private int done;
    private long lastReport;

    public ImportProgress(Duration interval, BiConsumer<String, Integer> report) {
        this.report = report;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void start(int totalTasks) {
        // Git does not always know how many phases there will be; each phase is reported as it begins.
    }

    @Override
    public synchronized void beginTask(String title, int totalWork) {
        phase = title;
        total = totalWork;
        done = 0;
        emit();
    }

    @Override
    public synchronized void update(int completed) {
        done += completed;
        if (System.nanoTime() - lastReport >= intervalNanos) {
            emit();
        }
    }

    @Override
    public void endTask() {
        // The next phase, or the end of the import, is reported on its own.
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void showDuration(boolean enabled) {
        // Durations are not reported.
    }

    private void emit() {
        // Over the smart protocol JGit may report work before it names a task (the server's own progress):
        // there is no phase to tell the user yet.
        if (phase == null) {
            return;
        }
        lastReport = System.nanoTime();
        Integer percent = total > 0 ? (int) Math.min(100, done * 100L / total) : null;
        report.accept(phase, percent);
    }
}
