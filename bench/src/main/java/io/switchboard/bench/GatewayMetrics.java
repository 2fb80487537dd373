package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of the gateway's Prometheus page ({@code /q/metrics}), reduced to what the fan-out benchmark
 * reads: the delivery-latency histogram's cumulative buckets, the delivered-events counter, the open
 * connections gauge and the heap in use.
 */
record GatewayMetrics(Map<Double, Double> latencyBuckets, double delivered, double connections, double heapUsedBytes) {

    private static final String LATENCY_BUCKET = "switchboard_ws_delivery_latency_seconds_bucket";
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    static GatewayMetrics scrape(String managementUrl) {
        try {
            String page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return parse(page);
        } catch (IOException e) {
            throw new IllegalStateException("The gateway's metrics could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the gateway's metrics", e);
        }
    }

    static GatewayMetrics parse(String page) {
        Map<Double, Double> buckets = new TreeMap<>();
        double delivered = 0;
        double connections = 0;
        double heap = 0;
        for (String line : page.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            double value = value(line);
            if (line.startsWith(LATENCY_BUCKET + "{")) {
                Matcher le = LE.matcher(line);
                if (le.find()) {
                    double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    buckets.merge(bound, value, Double::sum);
                }
            } else if (line.startsWith("switchboard_ws_events_delivered_total")) {
                delivered += value;
            } else if (line.startsWith("switchboard_ws_connections")) {
                connections += value;
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value;
            }
        }
        return new GatewayMetrics(Map.copyOf(buckets), delivered, connections, heap);
    }

    /** Samples the histogram counted between {@code before} and this scrape. */
    long latencyCountSince(GatewayMetrics before) {
        return Math.round(deltaBuckets(before).stream().mapToDouble(b -> b[1]).max().orElse(0));
    }

    /**
     * The given quantile (0..1) of the latencies recorded between {@code before} and this scrape, in
     * seconds, as the upper bound of the bucket holding it: a Prometheus histogram tells no more than that.
     * NaN when nothing was recorded.
     */
    double latencyQuantileSince(GatewayMetrics before, double quantile) {
        List<double[]> deltas = deltaBuckets(before);
        if (deltas.isEmpty()) {
            return Double.NaN;
        }
        double total = deltas.get(deltas.size() - 1)[1];
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = quantile * total;
        for (double[] bucket : deltas) {
            if (bucket[1] >= rank) {
                return bucket[0];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Cumulative bucket counts of this scrape minus those of {@code before}, by ascending bound. */
    private List<double[]> deltaBuckets(GatewayMetrics before) {
        List<double[]> deltas = new ArrayList<>();
        new TreeMap<>(latencyBuckets).forEach((bound, count) ->
                deltas.add(new double[] {bound, count - before.latencyBuckets().getOrDefault(bound, 0.0)}));
        return deltas;
    }

    private static double value(String line) {
        // "name{labels} value [timestamp]"; label values may hold blanks ("Tenured Gen").
        int labelsEnd = line.lastIndexOf('}');
        String[] parts = line.substring(labelsEnd >= 0 ? labelsEnd + 1 : line.indexOf(' ')).trim().split("\\s+");
        try {
            return Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
