package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.FigureTable.latency;
import static io.switchboard.bench.FigureTable.seconds;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints an orchestration run's figures as one aligned table, in the streaming benchmark's layout. */
final class OrchestrationTable {

    private static final int MAX_SAMPLES = 12;

    private OrchestrationTable() {
    }

    static void print(OrchestrationReport report, PrintStream out) {
        OrchestrationSettings s = report.settings();
        OrchestrationReport.StreamingPhase streaming = report.streaming();
        GroupFigures.Result main = streaming.figures();
        OrchestrationReport.HeadOfLinePhase hol = report.headOfLine();
        EventAudit.Counts audit = report.audit();
        FigureTable table = new FigureTable(out);
        table.title("Switchboard orchestration benchmark: %d chats x %d messages over %d tenants, commands"
                        + " straight to chat.commands;%n  offline model %d words/s, %d reply words; %d partitions",
                s.chats(), s.messagesPerChat(), s.tenants(), s.wordsPerSecond(), s.replyWords(), report.partitions());
        table.row("Stack start (Kafka, PostgreSQL, 4 services)", seconds(report.stackStart()));
        table.row("Streaming period (first command -> last turn end)", seconds(streaming.period()));
        table.row("Turns completed / expected", main.turnsCompleted() + " / " + s.streamingTurns());
        table.row("Turns failed or cancelled", String.valueOf(main.turnsNotCompleted()));
        table.row("Chat events delivered", format("%,d  (%,.0f events/s)", main.events(), streaming.eventsPerSecond()));
        table.row("  of which TextDelta", format("%,d  (%,.0f deltas/s)", main.deltas(), streaming.deltasPerSecond()));
        table.row("Most turns streaming at once (as consumed)", String.valueOf(audit.peakRunning()));
        table.row("Turn start: command -> TurnStarted consumed", latency(main.turnStart()));
        table.row("  first message of each chat (burst, new lane)", latency(main.firstTurnStart()));
        table.row("  later messages (sent as the previous turn ended)", latency(main.laterTurnStart()));
        table.row("  command -> TurnQueued consumed", latency(main.commandToQueued()));
        table.row("    command -> TurnQueued 'at' (stored, announced)", latency(main.commandToQueuedAt()));
        table.row("  TurnQueued 'at' -> TurnStarted 'at' (slot, start)", latency(main.queuedToStarted()));
        table.row("TextDelta latency: envelope 'at' -> consumed", latency(main.deltaLatency()));
        table.row("Head-of-line: stalled chat", format("partition %d, turn %s, %s", hol.stalledPartition(),
                hol.stalledStarted() ? "started" : "NOT started",
                hol.stalledEnding().isEmpty() ? "no end after StopTurn" : "ended after StopTurn: " + hol.stalledEnding()));
        table.row("  turn start, " + ChatGroup.SAME_PARTITION.label(), latency(hol.samePartition().turnStart()));
        table.row("  turn start, " + ChatGroup.OTHER_PARTITIONS.label(), latency(hol.otherPartitions().turnStart()));
        table.row("  turns completed / expected (same + other)", format("%d / %d  (%d chats x %d messages on partition"
                        + " %d, %d x %d elsewhere)", hol.turnsCompleted(), s.headOfLineTurns(), s.samePartitionChats(),
                s.headOfLineMessages(), hol.stalledPartition(), s.otherPartitionChats(), s.headOfLineMessages()));
        table.row("  period (first command -> last turn end)", seconds(hol.period()));
        table.row("Leaks", String.valueOf(audit.leaks()));
        table.row("Order violations", String.valueOf(audit.orderViolations()));
        table.row("TurnCompleted text != its TextDeltas joined", String.valueOf(audit.textMismatches()));
        table.row("Unreadable records / CommandRejected", audit.unreadable() + " / " + audit.rejections());
        table.row("chat.events records consumed (whole run)", format("%,d", audit.events()));
        table.row("Commands produced (refused or misrouted)", format("%,d  (%d)", report.commands().sent(),
                report.commands().problems()));
        table.row("Load average (1 min)", format("%s at start, %s as streaming began, %s after it, %s after"
                        + " head-of-line", report.loadAtStart(), streaming.loadBefore(), streaming.loadAfter(),
                hol.loadAfter()));
        table.row("Total duration", seconds(report.total()));
        List<String> samples = new ArrayList<>(audit.samples());
        samples.addAll(report.commands().samples());
        samples.addAll(main.samples());
        samples.addAll(hol.samePartition().samples());
        samples.addAll(hol.otherPartitions().samples());
        table.end(report.failures(), samples, MAX_SAMPLES, "the first few of each kind", report.passed());
    }
}
