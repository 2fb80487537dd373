package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's Prometheus page ({@code /q/metrics}) as samples with their labels, for the
 * figures the poison benchmark sums: heap in use, dead-lettered and rejected records, the gateway's own
 * meters.
 */
record MetricsPage(List<Sample> samples) {

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {

        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    MetricsPage {
        samples = List.copyOf(samples);
    }

    static MetricsPage scrape(String managementUrl) {
        try {
            String page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")).timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return parse(page);
        } catch (IOException e) {
            throw new IllegalStateException("The metrics of " + managementUrl + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading metrics", e);
        }
    }

    static MetricsPage parse(String page) {
        List<Sample> samples = new ArrayList<>();
        for (String line : page.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int braces = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            String rest;
            if (braces >= 0 && (space < 0 || braces < space)) {
                // Label values may hold blanks and braces ("Tenured Gen"); the labels end at the last '}'.
                int end = line.lastIndexOf('}');
                name = line.substring(0, braces);
                Matcher label = LABEL.matcher(line.substring(braces + 1, end));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                rest = line.substring(end + 1);
            } else if (space > 0) {
                name = line.substring(0, space);
                rest = line.substring(space);
            } else {
                continue;
            }
            String[] parts = rest.trim().split("\\s+");
            try {
                samples.add(new Sample(name, Map.copyOf(labels), Double.parseDouble(parts[0])));
            } catch (NumberFormatException e) {
                // Not a sample line this reader understands; the benchmark reads only plain ones.
            }
        }
        return new MetricsPage(samples);
    }

    double sum(String name, Predicate<Sample> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && filter.test(s)).mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, s -> true);
    }

    /** Sums by the value of one label, e.g. dead-lettered records by {@code topic}. */
    Map<String, Double> sumBy(String name, String label) {
        Map<String, Double> sums = new LinkedHashMap<>();
        samples.stream().filter(s -> s.name().equals(name))
                .forEach(s -> sums.merge(s.label(label), s.value(), Double::sum));
        return sums;
    }

    List<Sample> named(Predicate<String> name) {
        return samples.stream().filter(s -> name.test(s.name())).toList();
    }

    /** Heap in use, all heap pools together. */
    double heapUsedBytes() {
        return sum("jvm_memory_used_bytes", s -> s.label("area").equals("heap"));
    }

    /**
     * The old generation in use (SerialGC's "Tenured Gen"): what survived young collections, such as events
     * kept for replay, without the young garbage that makes the whole heap's figure jump about.
     */
    double oldGenUsedBytes() {
        return sum("jvm_memory_used_bytes", s -> s.label("area").equals("heap")
                && (s.label("id").contains("Tenured") || s.label("id").contains("Old Gen")));
    }

    /** Live data after the last major collection; 0 when none has run yet. */
    double liveDataBytes() {
        return sum("jvm_gc_live_data_size_bytes");
    }

    /** The heap's limit, all heap pools together (-Xmx, near enough); pools without a limit report -1. */
    double heapMaxBytes() {
        return sum("jvm_memory_max_bytes", s -> s.label("area").equals("heap") && s.value() > 0);
    }
}
