package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.FigureTable.latency;
import static io.switchboard.bench.FigureTable.seconds;

import java.io.PrintStream;

/** Prints a run's figures as one aligned table, so runs can be compared line by line. */
final class SummaryTable {

    private static final int MAX_SAMPLES = 8;

    private SummaryTable() {
    }

    static void print(BenchReport report, PrintStream out) {
        BenchSettings s = report.settings();
        StreamingRun run = report.streaming();
        Deliveries d = run.deliveries();
        FigureTable table = new FigureTable(out);
        table.title("Switchboard streaming benchmark: %d chats x %d messages over %d WebSocket connections;"
                        + " offline model %d words/s, %d reply words",
                s.chats(), s.messagesPerChat(), s.connections(), s.wordsPerSecond(), s.replyWords());
        table.row("Stack start (Kafka, PostgreSQL, 4 services)", seconds(report.stackStart()));
        table.row("Setup (project, chats, sockets, subscriptions)", seconds(report.setup())
                + format("  (workspaces ready %d/%d)", report.workspacesSettled(), s.chats()));
        table.row("Streaming period (first send -> last turn end)", seconds(run.period()));
        table.row("Turns completed / expected", run.turnsCompleted() + " / " + s.expectedTurns());
        table.row("Turns failed (TurnFailed, TurnCancelled)", String.valueOf(run.turnsFailed()));
        table.row("Chat events delivered", format("%,d  (%,.0f events/s)", d.chatEvents(), run.chatEventsPerSecond()));
        table.row("  of which TextDelta", format("%,d  (%,.0f deltas/s)", d.textDeltas(), run.textDeltasPerSecond()));
        table.row("Lifecycle + workspace events delivered", format("%,d", d.otherEvents()));
        table.row("TextDelta latency, envelope 'at' -> client", latency(Latency.of(d.deltaLatency())));
        table.row("  'at' -> producer send, chat-service (1 ms res.)", latency(run.split().atToSend()));
        table.row("  'at' -> plain Kafka consumer in this JVM", latency(run.split().atToTap()));
        table.row("WebSocket ping -> pong during streaming", latency(Latency.of(d.pingRoundTrip())));
        TurnPhases.Histograms phases = d.turnPhases();
        table.row("Turn: message POST -> 202 Accepted", latency(run.accepted()));
        table.row("Turn: message POST -> TurnQueued", latency(Latency.of(phases.command())));
        table.row("Turn: TurnQueued -> TurnStarted", latency(Latency.of(phases.start())));
        table.row("Turn: TurnStarted -> TurnCompleted", latency(Latency.of(phases.streaming()))
                + format("  (model alone: ~%.1f s)", modelSeconds(s)));
        KafkaFloor.FloorResult floor = report.floor();
        table.row("Raw Kafka floor, produce -> consume", latency(floor.latency()));
        table.row("  floor records received / sent", format("%,d / %,d  (%d B, %,d/s, %,d warm-up records"
                        + " not measured)", floor.received(), floor.expected(), s.floorRecordBytes(),
                s.floorRatePerSecond(), s.floorWarmup()));
        table.row("Cross-chat leaks", String.valueOf(d.leaks()));
        table.row("Order violations", String.valueOf(d.orderViolations()));
        table.row("Resync frames / error frames or closes", d.resyncs() + " / " + d.errors());
        table.row("Load average (1 min)", format("%s at start, %s as streaming began, %s after", report.loadAtStart(),
                run.loadBefore(), run.loadAfter()));
        table.row("Total duration", seconds(report.total()));
        table.end(report.failures(), d.samples(), MAX_SAMPLES, "first few per connection", report.passed());
    }

    /**
     * The offline model's own time for one answer: a three-word preamble, up to six quoted words (the
     * benchmark's messages have more) and the reply words, at the configured rate.
     */
    private static double modelSeconds(BenchSettings settings) {
        return (3 + 6 + settings.replyWords()) / (double) settings.wordsPerSecond();
    }
}
