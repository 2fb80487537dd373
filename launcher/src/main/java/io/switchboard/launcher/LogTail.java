package io.switchboard.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The end of a log file, shown when a stage fails so that the reason is on screen without opening the file. */
final class LogTail {

    private LogTail() {
    }

    /**
     * The last {@code count} lines of the file, or fewer; none when it does not exist. Read front to back, keeping
     * only the last lines, so a broker log of many megabytes costs time but no memory. Bytes that are no UTF-8
     * (a server's messages in another encoding) become replacement characters instead of failing the read.
     */
    static List<String> lastLines(Path file, int count) throws IOException {
        Deque<String> last = new ArrayDeque<>(count);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (count == 0) {
                    continue;
                }
                if (last.size() == count) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return new ArrayList<>(last);
    }

    /** The lines to print for a failed stage: its log's last lines and where the whole log is. */
    static List<String> report(Path log, int count) {
        List<String> report = new ArrayList<>();
        try {
            List<String> lines = lastLines(log, count);
            if (lines.isEmpty()) {
                report.add(Progress.PREFIX + "its log is empty or missing: " + log);
                return report;
            }
            report.add(Progress.PREFIX + "last " + lines.size() + " lines of " + log + ":");
            report.addAll(lines);
        } catch (IOException e) {
            report.add(Progress.PREFIX + "could not read " + log + ": " + e.getMessage());
        }
        report.add(Progress.PREFIX + "full log: " + log);
        return report;
    }
}
