package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.switchboard.launcher.ServiceName;
import io.switchboard.launcher.ServiceProcess;

/**
 * One gateway instance of the follow benchmark: where it listens, its process (for /proc and jcmd) and the
 * meters the benchmark reads from its Prometheus page.
 *
 * @param label how the tables name it, with the follow-only setting it was started with
 */
record FollowedGateway(String label, ServiceProcess process, long pid) {

    /** Records of chat.events passed over unread because no local socket follows their chat. */
    static final String PASSED_OVER = "switchboard_gateway_records_passed_over_total";
    static final String RETAINED = "switchboard_gateway_replay_retained_bytes";
    static final String CONSUME_LAG_MAX = "switchboard_gateway_consume_lag_seconds_max";
    /** Records the gateway refused (ChatKeyGuard) or dead-lettered: a foreign record must be neither. */
    static final List<String> REFUSED = List.of("switchboard_events_rejected_total",
            "switchboard_consumer_dead_lettered_total");

    /** Finds the instance's process among this JVM's descendants by the HTTP port on its command line. */
    static FollowedGateway of(String label, ServiceProcess process, Path projectRoot) {
        String app = projectRoot.resolve(ServiceName.GATEWAY.module())
                .resolve("target/quarkus-app/quarkus-run.jar").toString();
        String port = "-Dquarkus.http.port=" + process.port() + " ";
        long pid = ProcessHandle.current().descendants()
                .filter(handle -> {
                    String command = handle.info().commandLine().orElse("");
                    return command.contains(app) && command.contains(port);
                })
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("the process of " + process.instance()
                        + " (port " + process.port() + ") was not found"));
        return new FollowedGateway(label, process, pid);
    }

    String url() {
        return process.url();
    }

    String webSocketUrl() {
        return process.url().replaceFirst("^http", "ws") + "/ws";
    }

    String managementUrl() {
        return process.managementUrl();
    }

    /** The process's CPU time so far, all its threads; -1 once it is gone. */
    double cpuSeconds(long ticksPerSecond) {
        return ProcessCpu.read(pid).map(ticks -> ticks.own() / (double) ticksPerSecond).orElse(-1.0);
    }

    /** A meter's value, all its series summed; NaN when the gateway has no such meter (a build without it). */
    static double meter(MetricsPage page, String name) {
        return page.named(name::equals).isEmpty() ? Double.NaN : page.sum(name);
    }

    /** The refused and dead-lettered records so far, by reason (a rejection code, or {@code unprocessable}). */
    static Map<String, Double> refused(MetricsPage page) {
        Map<String, Double> reasons = new TreeMap<>();
        REFUSED.forEach(name -> page.sumBy(name, "reason").forEach((reason, count) ->
                reasons.merge(reason, count, Double::sum)));
        return reasons;
    }

    /**
     * Its meters; none when it no longer answers (a gateway that ran out of heap, say), so that the run goes on and
     * reports the other figures.
     */
    MetricsPage metrics() {
        try {
            return process.isAlive() ? MetricsPage.scrape(managementUrl()) : new MetricsPage(List.of());
        } catch (IllegalStateException e) {
            return new MetricsPage(List.of());
        }
    }

    /** Its delivery-latency histogram; empty when it no longer answers. */
    GatewayMetrics latencies() {
        try {
            return process.isAlive() ? GatewayMetrics.scrape(managementUrl()) : GatewayMetrics.parse("");
        } catch (IllegalStateException e) {
            return GatewayMetrics.parse("");
        }
    }

    /**
     * Its meters right after a full collection (jcmd GC.run): the heap figure is then what is live, not how much
     * garbage the last young collection happened to leave. None when the collection could not be run.
     */
    MetricsPage metricsAfterGc() {
        if (!process.isAlive()) {
            return new MetricsPage(List.of());
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                gc.destroy();
                return new MetricsPage(List.of());
            }
            return gc.exitValue() == 0 ? metrics() : new MetricsPage(List.of());
        } catch (IOException e) {
            throw new IllegalStateException("jcmd could not be run for " + label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
