package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * CPU time of the processes a benchmark loads, from {@code /proc/<pid>/stat}: user plus system time of the
 * process itself (all its threads), plus, for a process whose work is done by children (PostgreSQL's
 * postmaster and its backends), the live children and the children it has already reaped. Read at the start
 * and end of a run, the difference is what the run cost each process.
 */
final class ProcessCpu {

    private static final long DEFAULT_TICKS_PER_SECOND = 100;

    /**
     * @param own     utime + stime of the process, in clock ticks
     * @param reaped  cutime + cstime: children that ended and were waited for, in clock ticks
     */
    record Ticks(long own, long reaped) {
    }

    /** Named sources of CPU ticks, read together. */
    private final Map<String, LongSupplier> sources = new LinkedHashMap<>();
    private final long ticksPerSecond = ticksPerSecond();

    /** A process on its own: a JVM's threads are all in its own times. */
    ProcessCpu process(String name, long pid) {
        sources.put(name, () -> read(pid).map(Ticks::own).orElse(-1L));
        return this;
    }

    /** A process with the children doing its work, live and reaped (PostgreSQL's backends). */
    ProcessCpu tree(String name, long pid) {
        sources.put(name, () -> treeTicks(pid));
        return this;
    }

    /** Seconds of CPU per source so far; -1 when the process was gone. */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        sources.forEach((name, ticks) -> {
            long value = ticks.getAsLong();
            seconds.put(name, value < 0 ? -1 : value / (double) ticksPerSecond);
        });
        return seconds;
    }

    static Optional<Ticks> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                    StandardCharsets.ISO_8859_1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may itself hold
     * blanks and parentheses, so the fields are counted from the last closing one: state is field 3, utime
     * 14, stime 15, cutime 16, cstime 17 (proc(5)).
     */
    static Ticks parse(String stat) {
        int commEnd = stat.lastIndexOf(')');
        if (commEnd < 0) {
            throw new IllegalArgumentException("Not a /proc stat line: " + stat);
        }
        String[] fields = stat.substring(commEnd + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        long cutime = Long.parseLong(fields[16 - 3]);
        long cstime = Long.parseLong(fields[17 - 3]);
        return new Ticks(utime + stime, cutime + cstime);
    }

    private static long treeTicks(long pid) {
        Optional<Ticks> root = read(pid);
        if (root.isEmpty()) {
            return -1;
        }
        long total = root.get().own() + root.get().reaped();
        total += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(child -> read(child.pid()).map(Ticks::own).orElse(0L)).sum();
        return total;
    }

    /** USER_HZ: 100 on every usual Linux, asked of getconf in case this one differs. */
    static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // Fall back to the usual value.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_TICKS_PER_SECOND;
    }
}
