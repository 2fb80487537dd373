package io.switchboard.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints an orchestration run's figures as one aligned table, in the streaming benchmark's layout. */
final class OrchestrationTable {

    private static final int LABEL_WIDTH = 52;
    private static final int WIDTH = 110;
    private static final int MAX_SAMPLES = 12;

    private OrchestrationTable() {
    }

    static void print(OrchestrationReport report, PrintStream out) {
        OrchestrationSettings s = report.settings();
        OrchestrationReport.StreamingPhase streaming = report.streaming();
        GroupFigures.Result main = streaming.figures();
        OrchestrationReport.HeadOfLinePhase hol = report.headOfLine();
        EventAudit.Counts audit = report.audit();
        out.println();
        out.println("=".repeat(WIDTH));
        out.printf(Locale.ROOT, "Switchboard orchestration benchmark: %d chats x %d messages over %d tenants, commands"
                        + " straight to chat.commands;%n  offline model %d words/s, %d reply words; %d partitions%n",
                s.chats(), s.messagesPerChat(), s.tenants(), s.wordsPerSecond(), s.replyWords(), report.partitions());
        out.println("-".repeat(WIDTH));
        row(out, "Stack start (Kafka, PostgreSQL, 4 services)", seconds(report.stackStart()));
        row(out, "Streaming period (first command -> last turn end)", seconds(streaming.period()));
        row(out, "Turns completed / expected", main.turnsCompleted() + " / " + s.streamingTurns());
        row(out, "Turns failed or cancelled", String.valueOf(main.turnsNotCompleted()));
        row(out, "Chat events delivered", format("%,d  (%,.0f events/s)", main.events(), streaming.eventsPerSecond()));
        row(out, "  of which TextDelta", format("%,d  (%,.0f deltas/s)", main.deltas(), streaming.deltasPerSecond()));
        row(out, "Most turns streaming at once (as consumed)", String.valueOf(audit.peakRunning()));
        row(out, "Turn start: command -> TurnStarted consumed", latency(main.turnStart()));
        row(out, "  first message of each chat (burst, new lane)", latency(main.firstTurnStart()));
        row(out, "  later messages (sent as the previous turn ended)", latency(main.laterTurnStart()));
        row(out, "  command -> TurnQueued consumed", latency(main.commandToQueued()));
        row(out, "    command -> TurnQueued 'at' (stored, announced)", latency(main.commandToQueuedAt()));
        row(out, "  TurnQueued 'at' -> TurnStarted 'at' (slot, start)", latency(main.queuedToStarted()));
        row(out, "TextDelta latency: envelope 'at' -> consumed", latency(main.deltaLatency()));
        row(out, "Head-of-line: stalled chat", format("partition %d, turn %s, %s", hol.stalledPartition(),
                hol.stalledStarted() ? "started" : "NOT started",
                hol.stalledEnding().isEmpty() ? "no end after StopTurn" : "ended after StopTurn: " + hol.stalledEnding()));
        row(out, "  turn start, " + ChatGroup.SAME_PARTITION.label(), latency(hol.samePartition().turnStart()));
        row(out, "  turn start, " + ChatGroup.OTHER_PARTITIONS.label(), latency(hol.otherPartitions().turnStart()));
        row(out, "  turns completed / expected (same + other)", format("%d / %d  (%d chats x %d messages on partition"
                        + " %d, %d x %d elsewhere)", hol.turnsCompleted(), s.headOfLineTurns(), s.samePartitionChats(),
                s.headOfLineMessages(), hol.stalledPartition(), s.otherPartitionChats(), s.headOfLineMessages()));
        row(out, "  period (first command -> last turn end)", seconds(hol.period()));
        row(out, "Leaks", String.valueOf(audit.leaks()));
        row(out, "Order violations", String.valueOf(audit.orderViolations()));
        row(out, "TurnCompleted text != its TextDeltas joined", String.valueOf(audit.textMismatches()));
        row(out, "Unreadable records / CommandRejected", audit.unreadable() + " / " + audit.rejections());
        row(out, "chat.events records consumed (whole run)", format("%,d", audit.events()));
        row(out, "Commands produced (refused or misrouted)", format("%,d  (%d)", report.commands().sent(),
                report.commands().problems()));
        row(out, "Load average (1 min)", format("%s at start, %s as streaming began, %s after it, %s after head-of-line",
                report.loadAtStart(), streaming.loadBefore(), streaming.loadAfter(), hol.loadAfter()));
        row(out, "Total duration", seconds(report.total()));
        out.println("-".repeat(WIDTH));
        report.failures().forEach(failure -> row(out, "Failure", failure));
        List<String> samples = new ArrayList<>(audit.samples());
        samples.addAll(report.commands().samples());
        samples.addAll(main.samples());
        samples.addAll(hol.samePartition().samples());
        samples.addAll(hol.otherPartitions().samples());
        samples.stream().limit(MAX_SAMPLES).forEach(sample -> row(out, "Problem seen", sample));
        if (samples.size() > MAX_SAMPLES) {
            row(out, "Problem seen", "... " + (samples.size() - MAX_SAMPLES) + " more (the first few of each kind)");
        }
        row(out, "RESULT", report.passed() ? "PASS" : "FAIL");
        out.println("=".repeat(WIDTH));
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
