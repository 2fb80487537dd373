package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.FigureTable.seconds;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a poison run's figures as one aligned table, in the other benchmarks' layout. */
final class PoisonTable {

    private static final int MAX_SAMPLES = 80;
    private static final double MB = 1024.0 * 1024.0;

    private PoisonTable() {
    }

    static void print(PoisonReport report, PrintStream out) {
        PoisonSettings s = report.settings();
        FigureTable table = new FigureTable(out);
        table.title("Switchboard poison benchmark: bad input over REST, the WebSocket and Kafka, then liveness in"
                        + " another tenant%n  and a flood of %d x %d messages of %,d chars into %d chats;"
                        + " offline model %d words/s",
                s.floodChats(), s.floodMessages(), s.floodTextChars(), s.floodChats(), s.wordsPerSecond());
        table.row("Stack start (Kafka, PostgreSQL, 4 services)", seconds(report.stackStart()));

        RestPoisoning.Result rest = report.rest();
        SocketPoisoning.Result socket = report.socket();
        KafkaPoisoning.Result kafka = report.kafka();
        table.row("Bad inputs tried", format("%,d  (REST %d, WebSocket %d, Kafka %d)", rest.outcomes().total()
                + socket.outcomes().total() + kafka.total(), rest.outcomes().total(), socket.outcomes().total(),
                kafka.total()));
        table.rule();
        table.row("REST: bad requests through the gateway", format("%d over %d routes in %s; valid controls"
                + " accepted %d/%d", rest.outcomes().total(), rest.controls(), seconds(rest.took()),
                rest.controlsAccepted(), rest.controls()));
        table.row("  refused 4xx / accepted 2xx / 5xx / other", verdicts(rest.outcomes()));
        kinds(table, rest.outcomes());

        table.row("WebSocket: bad frames", format("%d in %s", socket.outcomes().total(), seconds(socket.took())));
        table.row("  refused / accepted / server error / other", verdicts(socket.outcomes()));
        kinds(table, socket.outcomes());
        table.row("  error frames by code", socket.errorCodes().isEmpty() ? "none" : join(socket.errorCodes()));
        table.row("  frame over the 512 KiB limit", socket.oversizeClose());
        table.row("  valid send afterwards", format("same connection: %s; new connection after 1009: %s",
                socket.acceptedAfter() ? "accepted" : "NOT accepted",
                socket.acceptedReconnect() ? "accepted" : "NOT accepted"));
        table.row("  closes during the corpus (oversize aside)", String.valueOf(socket.unexpectedCloses()));

        table.row("Kafka: bad records onto the topics", kafka.total() == 0 ? "none (bench.poison.kafka=false)"
                : format("%d (%d kinds x %d topics x %d partitions) in %s", kafka.total(), KafkaPoison.values().length,
                        kafka.topics(), kafka.partitions(), seconds(kafka.took())));
        kafka.byKind().forEach((kind, count) -> table.row("  " + kind.label(), String.valueOf(count)));
        table.rule();

        long passed = report.checks().stream().filter(LivenessCheck::passed).count();
        long failed = report.checks().stream().filter(LivenessCheck::failed).count();
        table.row("Liveness checks afterwards", format("%d passed, %d failed, %d unverified of %d (one not passing"
                        + " within %d s names its consumer as halted)", passed, failed,
                report.checks().size() - passed - failed, report.checks().size(), s.livenessTimeout().toSeconds()));
        for (LivenessCheck check : report.checks()) {
            String status = switch (check.status()) {
                case PASSED -> "ok   ";
                case FAILED -> "FAIL ";
                case UNVERIFIED -> "n/a  ";
            };
            table.row("  " + check.consumer(), status + check.how() + ": " + check.detail());
        }
        table.rule();

        DeadLetterCount dlq = report.deadLetters();
        table.row("Records dead-lettered (<topic>.dlq from the start)", format("%,d%s", dlq.total(),
                dlq.complete() ? "" : "  (not read to the end in time)"));
        dlq.byTopicAndReason().forEach((topic, reasons) -> table.row("  " + topic, reasons.isEmpty() ? "0"
                : format("%d: %s", reasons.values().stream().mapToInt(Integer::intValue).sum(), join(reasons))));
        table.row("  by consumer (dlq.consumer header)", dlq.byConsumer().isEmpty() ? "none" : join(dlq.byConsumer()));
        table.row("Per service: dead-lettered / refused by guard / lost", "(from each service's /q/metrics)");
        report.services().forEach((service, meters) -> table.row("  " + service, format("%.0f / %.0f / %.0f%s",
                meters.deadLetteredTotal(), meters.rejected(), meters.lost(), meters.deadLettered().isEmpty() ? ""
                        : "  (" + meters.deadLettered().entrySet().stream()
                                .map(e -> e.getKey() + " " + format("%.0f", e.getValue()))
                                .collect(Collectors.joining(", ")) + ")")));
        table.rule();

        GatewayFlood.Result flood = report.flood();
        table.row("Flood: chats x messages", format("%d chats on %d partitions x %d messages of %,d chars; sent in %s",
                flood.chats(), flood.partitionsCovered(), s.floodMessages(), s.floodTextChars(),
                seconds(flood.sending())));
        table.row("  turns completed / ended / expected", format("%d / %d / %d; workspaces settled %d/%d",
                flood.turnsCompleted(), flood.turnsEnded(), flood.expectedTurns(), flood.workspacesSettled(),
                flood.chats()));
        double heapMax = flood.after().heapMaxBytes();
        table.row("Gateway heap used after the flood (no GC forced)", format("%.1f MB, of which old gen %.1f MB"
                        + "  (before the flood %.1f MB, old gen %.1f MB; heap max %.0f MB)",
                flood.after().heapUsedBytes() / MB, flood.after().oldGenUsedBytes() / MB,
                flood.before().heapUsedBytes() / MB, flood.before().oldGenUsedBytes() / MB, heapMax / MB));
        table.row("  live data after the last major GC", flood.after().liveDataBytes() > 0
                ? format("%.1f MB  (before the flood %.1f MB)", flood.after().liveDataBytes() / MB,
                        flood.before().liveDataBytes() / MB)
                : "no major GC has run yet");
        table.row("Gateway RSS after the flood", flood.rssAfterBytes() < 0 ? "n/a"
                : format("%.1f MB", flood.rssAfterBytes() / MB));
        GatewayFlood.Retained retained = flood.retained();
        table.row("Flood chats' event frames (kept for replay)", format("%,d frames, %.1f MB; at most %d on one"
                + " chat's stream", retained.frames(), retained.chars() / MB, retained.mostPerStream()));
        List<MetricsPage.Sample> gatewayOwn = gatewayOwn(flood.after());
        if (gatewayOwn.isEmpty()) {
            table.row("Gateway replay-retention metrics", "none exposed (only switchboard_gateway_consume_lag)");
        } else {
            gatewayOwn.forEach(sample -> table.row("  " + sample.name() + labels(sample), format("%,.0f",
                    sample.value())));
        }
        List<MetricsPage.Sample> bounds = gatewayOwn.stream().filter(PoisonTable::isBound).toList();
        table.row("Configured retention bound", bounds.isEmpty()
                ? format("no bound configured (the heap's own limit is %.0f MB)", heapMax / MB)
                : bounds.stream().map(b -> b.name() + " " + format("%,.0f", b.value()))
                        .collect(Collectors.joining(", ")));
        table.rule();

        table.row("CPU seconds per process, measurement (whole life)", "the measurement starts once the stack is up");
        report.cpuEnd().forEach((process, end) -> {
            double start = report.cpuStart().getOrDefault(process, -1.0);
            table.row("  " + process, end < 0 || start < 0 ? "n/a (process gone)"
                    : format("%.1f s  (%.1f s)", end - start, end));
        });
        table.rule();

        table.row("5xx seen (REST 5xx, WS internal_error or 1011)", String.valueOf(report.serverErrors()));
        table.row("Bad input accepted (REST 2xx, WS accepted)", String.valueOf(report.badInputAccepted()));
        table.row("Consumers halted (a stopped producer too)", report.haltedConsumers().isEmpty() ? "0"
                : report.haltedConsumers().size() + ": " + String.join(", ", report.haltedConsumers()));
        table.row("Load average (1 min)", format("%s at start, %s at the end", report.loadAtStart(),
                report.loadAtEnd()));
        table.row("Total duration", seconds(report.total()));
        List<String> problems = new ArrayList<>(rest.outcomes().samples());
        problems.addAll(socket.outcomes().samples());
        problems.addAll(flood.problems());
        problems.addAll(kafka.problems());
        table.end(report.failures(), problems, MAX_SAMPLES, "the first of each corpus", report.passed());
    }

    private static String verdicts(Outcomes outcomes) {
        return format("%d / %d / %d / %d", outcomes.count(Outcomes.Verdict.REFUSED),
                outcomes.count(Outcomes.Verdict.ACCEPTED), outcomes.count(Outcomes.Verdict.SERVER_ERROR),
                outcomes.count(Outcomes.Verdict.OTHER));
    }

    private static void kinds(FigureTable table, Outcomes outcomes) {
        outcomes.byKind().forEach((kind, answers) -> table.row("  " + kind.label(),
                format("%d: %s", outcomes.count(kind), outcomes.answers(kind))));
    }

    /** The gateway's own meters but the consume-lag summary: where a retention figure or bound would show. */
    static List<MetricsPage.Sample> gatewayOwn(MetricsPage page) {
        return page.named(name -> name.startsWith("switchboard_gateway_") && !name.contains("consume_lag"));
    }

    static boolean isBound(MetricsPage.Sample sample) {
        return sample.name().contains("limit") || sample.name().contains("bound") || sample.name().contains("max");
    }

    private static String labels(MetricsPage.Sample sample) {
        return sample.labels().isEmpty() ? "" : sample.labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private static String join(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
