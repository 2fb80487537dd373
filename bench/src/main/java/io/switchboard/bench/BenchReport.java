package io.switchboard.bench;

import java.time.Duration;
import java.util.List;

/**
 * Everything one run measured.
 *
 * @param settings          what was run
 * @param stackStart        starting Kafka, PostgreSQL and the four services
 * @param setup             project, chats, connections, subscriptions and workspaces
 * @param workspacesSettled chats whose workspace was ready (or failed) before streaming started
 * @param streaming         the chats streaming at once
 * @param floor             the raw Kafka produce-to-consume latency on the same broker
 * @param loadAtStart       one-minute load average before anything started: other work on the
 *                          machine skews every figure
 * @param total             the whole run, stopping the stack included
 * @param failures          what went wrong besides the counted figures, such as a timeout
 */
record BenchReport(BenchSettings settings, Duration stackStart, Duration setup, int workspacesSettled,
        StreamingRun streaming, KafkaFloor.FloorResult floor, String loadAtStart, Duration total,
        List<String> failures) {

    /** The same figures once the run is over, with its total duration and every failure noted. */
    BenchReport finished(Duration runTotal, List<String> runFailures) {
        return new BenchReport(settings, stackStart, setup, workspacesSettled, streaming, floor, loadAtStart, runTotal,
                List.copyOf(runFailures));
    }

    boolean passed() {
        Deliveries deliveries = streaming.deliveries();
        return deliveries.leaks() == 0
                && deliveries.orderViolations() == 0
                && deliveries.resyncs() == 0
                && deliveries.errors() == 0
                && streaming.turnsCompleted() == settings.expectedTurns()
                && failures.isEmpty();
    }
}
