package io.switchboard.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything one poison run measured.
 *
 * @param stackStart   starting Kafka, PostgreSQL and the four services
 * @param rest         the REST corpus through the gateway
 * @param socket       the WebSocket corpus
 * @param kafka        the records written straight onto the topics
 * @param checks       liveness afterwards: the chat in another tenant, the per-partition probes, the flood's
 *                     partitions and the service processes themselves
 * @param flood        the gateway-memory flood
 * @param deadLetters  the dead-letter topics read from their beginning at the end of the run
 * @param services     what each service's metrics say it refused and set aside
 * @param cpuStart     CPU seconds of each process when the stack was up
 * @param cpuEnd       and at the end of the measurement
 * @param failures     what went wrong besides the counted figures, such as a check that could not be made
 */
record PoisonReport(PoisonSettings settings, Duration stackStart, String loadAtStart, RestPoisoning.Result rest,
        SocketPoisoning.Result socket, KafkaPoisoning.Result kafka, List<LivenessCheck> checks,
        GatewayFlood.Result flood, DeadLetterCount deadLetters, Map<String, ServiceMeters> services,
        Map<String, Double> cpuStart, Map<String, Double> cpuEnd, String loadAtEnd, Duration total,
        List<String> failures) {

    /**
     * One service's own counts, from its {@code /q/metrics}.
     *
     * @param deadLettered {@code switchboard_consumer_dead_lettered_total}, by topic
     * @param rejected     {@code switchboard_events_rejected_total}: refused by the chatId guard
     * @param lost         {@code switchboard_consumer_dead_letters_lost_total}: set aside but not stored
     */
    record ServiceMeters(Map<String, Double> deadLettered, double rejected, double lost) {

        double deadLetteredTotal() {
            return deadLettered.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The same figures once the run is over, with its total duration and every failure noted. */
    PoisonReport finished(Duration runTotal, List<String> runFailures) {
        return new PoisonReport(settings, stackStart, loadAtStart, rest, socket, kafka, checks, flood, deadLetters,
                services, cpuStart, cpuEnd, loadAtEnd, runTotal, List.copyOf(runFailures));
    }

    /** 5xx answers, {@code internal_error} frames and 1011 closes: bad input that broke something. */
    int serverErrors() {
        return rest.outcomes().count(Outcomes.Verdict.SERVER_ERROR)
                + socket.outcomes().count(Outcomes.Verdict.SERVER_ERROR);
    }

    /** 2xx answers and {@code accepted} or {@code subscribed} frames for bad input. */
    int badInputAccepted() {
        return rest.outcomes().count(Outcomes.Verdict.ACCEPTED) + socket.outcomes().count(Outcomes.Verdict.ACCEPTED);
    }

    /**
     * Consumers (and producers) with at least one failed check, each named once however many of its checks
     * failed; an unverified check names none.
     */
    SortedSet<String> haltedConsumers() {
        return halted(checks);
    }

    static SortedSet<String> halted(List<LivenessCheck> checks) {
        SortedSet<String> halted = new TreeSet<>();
        checks.stream().filter(LivenessCheck::failed).forEach(check -> halted.add(check.consumer()));
        return halted;
    }

    boolean passed() {
        return serverErrors() == 0 && badInputAccepted() == 0 && haltedConsumers().isEmpty() && failures.isEmpty();
    }
}
