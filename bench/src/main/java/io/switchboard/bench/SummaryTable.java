package io.switchboard.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints a run's figures as one aligned table, so runs can be compared line by line. */
final class SummaryTable {

    private static final int LABEL_WIDTH = 52;
    private static final int WIDTH = 110;
    private static final int MAX_SAMPLES = 8;

    private SummaryTable() {
    }

    static void print(BenchReport report, PrintStream out) {
        BenchSettings s = report.settings();
        StreamingRun run = report.streaming();
        Deliveries d = run.deliveries();
        out.println();
        out.println("=".repeat(WIDTH));
        out.printf(Locale.ROOT, "Switchboard streaming benchmark: %d chats x %d messages over %d WebSocket connections;"
                        + " offline model %d words/s, %d reply words%n",
                s.chats(), s.messagesPerChat(), s.connections(), s.wordsPerSecond(), s.replyWords());
        out.println("-".repeat(WIDTH));
        row(out, "Stack start (Kafka, PostgreSQL, 4 services)", seconds(report.stackStart()));
        row(out, "Setup (project, chats, sockets, subscriptions)", seconds(report.setup())
                + format("  (workspaces ready %d/%d)", report.workspacesSettled(), s.chats()));
        row(out, "Streaming period (first send -> last turn end)", seconds(run.period()));
        row(out, "Turns completed / expected", run.turnsCompleted() + " / " + s.expectedTurns());
        row(out, "Turns failed (TurnFailed, TurnCancelled)", String.valueOf(run.turnsFailed()));
        row(out, "Chat events delivered", format("%,d  (%,.0f events/s)", d.chatEvents(), run.chatEventsPerSecond()));
        row(out, "  of which TextDelta", format("%,d  (%,.0f deltas/s)", d.textDeltas(), run.textDeltasPerSecond()));
        row(out, "Lifecycle + workspace events delivered", format("%,d", d.otherEvents()));
        row(out, "TextDelta latency, envelope 'at' -> client", latency(Latency.of(d.deltaLatency())));
        row(out, "  'at' -> producer send, chat-service (1 ms res.)", latency(run.split().atToSend()));
        row(out, "  'at' -> plain Kafka consumer in this JVM", latency(run.split().atToTap()));
        row(out, "WebSocket ping -> pong during streaming", latency(Latency.of(d.pingRoundTrip())));
        TurnPhases.Histograms phases = d.turnPhases();
        row(out, "Turn: message POST -> 202 Accepted", latency(run.accepted()));
        row(out, "Turn: message POST -> TurnQueued", latency(Latency.of(phases.command())));
        row(out, "Turn: TurnQueued -> TurnStarted", latency(Latency.of(phases.start())));
        row(out, "Turn: TurnStarted -> TurnCompleted", latency(Latency.of(phases.streaming()))
                + format("  (model alone: ~%.1f s)", modelSeconds(s)));
        KafkaFloor.FloorResult floor = report.floor();
        row(out, "Raw Kafka floor, produce -> consume", latency(floor.latency()));
        row(out, "  floor records received / sent", format("%,d / %,d  (%d B, %,d/s, %,d warm-up records not measured)",
                floor.received(), floor.expected(), s.floorRecordBytes(), s.floorRatePerSecond(), s.floorWarmup()));
        row(out, "Cross-chat leaks", String.valueOf(d.leaks()));
        row(out, "Order violations", String.valueOf(d.orderViolations()));
        row(out, "Resync frames / error frames or closes", d.resyncs() + " / " + d.errors());
        row(out, "Load average (1 min)", format("%s at start, %s as streaming began, %s after", report.loadAtStart(),
                run.loadBefore(), run.loadAfter()));
        row(out, "Total duration", seconds(report.total()));
        out.println("-".repeat(WIDTH));
        report.failures().forEach(failure -> row(out, "Failure", failure));
        d.samples().stream().limit(MAX_SAMPLES).forEach(sample -> row(out, "Problem seen", sample));
        if (d.samples().size() > MAX_SAMPLES) {
            row(out, "Problem seen", "... " + (d.samples().size() - MAX_SAMPLES) + " more (first few per connection)");
        }
        row(out, "RESULT", report.passed() ? "PASS" : "FAIL");
        out.println("=".repeat(WIDTH));
    }

    /**
     * The offline model's own time for one answer: a three-word preamble, up to six quoted words (the
     * benchmark's messages have more) and the reply words, at the configured rate.
     */
    private static double modelSeconds(BenchSettings settings) {
        return (3 + 6 + settings.replyWords()) / (double) settings.wordsPerSecond();
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "%-" + LABEL_WIDTH + "s %s%n", label, value);
    }

    private static String latency(Latency latency) {
        return format("p50 %s  p99 %s  max %s  (n=%,d)", Latency.millis(latency.p50Micros()),
                Latency.millis(latency.p99Micros()), Latency.millis(latency.maxMicros()), latency.count());
    }

    private static String seconds(Duration duration) {
        return format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
