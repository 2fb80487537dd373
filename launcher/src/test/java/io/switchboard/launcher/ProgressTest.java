package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    @TempDir
    Path dir;

    @Test
    void readyLinesLineUpTheirTimes() {
        String kafka = Progress.readyLine("Kafka ready", Duration.ofMillis(6_149));
        String workspace = Progress.readyLine("git-workspace-service ready", Duration.ofMillis(125_000));

        assertThat(kafka).isEqualTo("[switchboard] Kafka ready                     6.1 s");
        assertThat(workspace).isEqualTo("[switchboard] git-workspace-service ready   125.0 s");
        assertThat(kafka).hasSameSizeAs(workspace);
    }

    @Test
    void failedLineSaysHowLongItTried() {
        assertThat(Progress.failedLine("chat-service", Duration.ofMillis(12_340)))
                .isEqualTo("[switchboard] chat-service                 FAILED after 12.3 s");
    }

    @Test
    void describeKeepsTheFirstLineOfTheUnwrappedCause() {
        RuntimeException kafka = new IllegalStateException("Kafka broker at 127.0.0.1:1 not ready within PT1M\n"
                + "--- last lines of broker.log ---\nmany lines");

        assertThat(Progress.describe(new CompletionException(kafka)))
                .isEqualTo("Kafka broker at 127.0.0.1:1 not ready within PT1M");
        assertThat(Progress.describe(new IllegalStateException((String) null)))
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void printsAReadyLinePerComponentAndAFailedOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.ready("PostgreSQL", Duration.ofMillis(3_400));
        progress.failed("Kafka", Duration.ofSeconds(60), new IllegalStateException("no"), dir.resolve("kafka.log"));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "[switchboard] PostgreSQL ready                3.4 s",
                "[switchboard] Kafka                        FAILED after 60.0 s");
    }

    @Test
    void failureReportShowsTheFirstFailedComponentsLogTailAndWhereTheRestIs() throws IOException {
        Path chatLog = dir.resolve("chat-service.log");
        Files.write(chatLog, numberedLines(100));
        Path gatewayLog = dir.resolve("gateway.log");
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        progress.failed("chat-service", Duration.ofSeconds(9),
                new IllegalStateException("chat-service exited with 1; see " + chatLog), chatLog);
        progress.failed("gateway", Duration.ofSeconds(10), new IllegalStateException("gateway exited with 1"),
                gatewayLog);

        List<String> report = progress.failureReport(new CompletionException(new IllegalStateException("x")),
                dir.resolve("infrastructure.log"));

        assertThat(report).hasSize(1 + 1 + Progress.TAIL_LINES + 1 + 1);
        assertThat(report.get(0)).isEqualTo("[switchboard] chat-service: chat-service exited with 1; see " + chatLog);
        assertThat(report.get(1)).isEqualTo("[switchboard] last 30 lines of " + chatLog + ":");
        assertThat(report.subList(2, 2 + Progress.TAIL_LINES)).isEqualTo(numberedLines(100).subList(70, 100));
        assertThat(report.get(2 + Progress.TAIL_LINES)).isEqualTo("[switchboard] full log: " + chatLog);
        assertThat(report.get(report.size() - 1))
                .isEqualTo("[switchboard] gateway failed too: gateway exited with 1 (log: " + gatewayLog + ")");
    }

    @Test
    void failureOfNoComponentPointsAtTheLaunchersOwnLog() {
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path ownLog = dir.resolve("infrastructure.log");

        assertThat(progress.failureReport(new IllegalStateException("quarkus-run.jar is missing"), ownLog))
                .containsExactly("[switchboard] failed: quarkus-run.jar is missing",
                        "[switchboard] details: " + ownLog);
    }

    @Test
    void tailOfAShortMissingOrNonUtf8Log() throws IOException {
        Path shortLog = dir.resolve("short.log");
        Files.write(shortLog, List.of("one", "two"));
        Path latin1 = dir.resolve("latin1.log");
        Files.write(latin1, "caf\u00e9\nlast\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(LogTail.lastLines(shortLog, 30)).containsExactly("one", "two");
        assertThat(LogTail.lastLines(dir.resolve("missing.log"), 30)).isEmpty();
        assertThat(LogTail.lastLines(latin1, 1)).containsExactly("last");
        assertThat(LogTail.lastLines(latin1, 2).get(0)).startsWith("caf").hasSize(4);
        assertThat(LogTail.report(dir.resolve("missing.log"), 30))
                .containsExactly("[switchboard] its log is empty or missing: " + dir.resolve("missing.log"));
    }

    @Test
    void logRecordsAreOneLineWithTheLoggerAndAnyStackTrace() {
        LogRecord record = new LogRecord(Level.INFO, "Kafka broker ready at {0}");
        record.setParameters(new Object[] {"127.0.0.1:19092"});
        record.setLoggerName("io.switchboard.infra.kafka.KafkaBroker");
        record.setInstant(Instant.parse("2026-01-02T03:04:05.678Z"));
        LogRecord failure = new LogRecord(Level.SEVERE, "did not start");
        failure.setLoggerName("io.switchboard.launcher.Launcher");
        failure.setThrown(new IllegalStateException("broken"));

        InfrastructureLog.LineFormatter formatter = new InfrastructureLog.LineFormatter();

        assertThat(formatter.format(record))
                .matches("\\[2026-01-0\\d \\d\\d:\\d\\d:05,678] INFO Kafka broker ready at 127\\.0\\.0\\.1:19092 "
                        + "\\(io\\.switchboard\\.infra\\.kafka\\.KafkaBroker\\)\n");
        assertThat(formatter.format(failure))
                .contains("SEVERE did not start (io.switchboard.launcher.Launcher)\n")
                .contains("java.lang.IllegalStateException: broken\n\tat ");
    }

    private static List<String> numberedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i).collect(Collectors.toList());
    }
}
