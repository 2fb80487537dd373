package io.switchboard.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.switchboard.deploy.Checkout;

/**
 * The dashboard and the alert rules in deploy/monitoring read only metrics the services register, and every alert
 * has a runbook section in docs/operations.md: a renamed metric or a misspelt expression fails here rather than
 * leaving an empty panel or an alert that can never fire.
 */
class MonitoringMaterialTest {

    private static final Path ROOT = Checkout.root();
    private static final Path MONITORING = ROOT.resolve("deploy/monitoring");

    /** Metrics the services expose without registering them in our code, and Prometheus' own. */
    private static final Set<String> FOREIGN = Set.of(
            // the Kafka client's own metrics, bound by Quarkus' Micrometer Kafka binder in every service
            "kafka_consumer_fetch_manager_records_lag_max",
            // set by Prometheus for every scrape target
            "up");

    private static final List<String> SUFFIXES = List.of("", "_total", "_seconds", "_seconds_bucket",
            "_seconds_count", "_seconds_sum", "_seconds_max", "_bytes", "_bytes_total");

    private static final Pattern METRIC_IN_EXPRESSION =
            Pattern.compile("\\b(switchboard_[a-z0-9_]+|kafka_[a-z0-9_]+|up)\\b");
    private static final Pattern REGISTRATION = Pattern.compile(
            "(?:Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*(\"[^\"]+\"|[A-Z_]+)"
                    + "|registry\\.(?:counter|gauge|timer|summary)\\(\\s*(\"[^\"]+\"|[A-Z_]+)");
    private static final Pattern CONSTANT = Pattern.compile("String\\s+([A-Z_]+)\\s*=\\s*\"([^\"]+)\"");

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void everyMetricTheDashboardReadsIsOneAServiceRegisters() throws IOException {
        JsonNode dashboard = json.readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as("panel %s has queries", panel.path("title")).isPositive();
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }

        assertThat(expressions).hasSizeGreaterThan(10);
        assertThat(unknownMetrics(expressions)).isEmpty();
    }

    @Test
    void everyAlertReadsRegisteredMetricsAndHasASeverityASummaryAndARunbookSection() throws IOException {
        JsonNode rules = yaml.readTree(MONITORING.resolve("alert-rules.yaml").toFile());
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        List<String> expressions = new ArrayList<>();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alerts.add(alert)).as("alert %s defined once", alert).isTrue();
                expressions.add(rule.path("expr").asText());
                assertThat(rule.path("labels").path("severity").asText()).as(alert)
                        .isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                assertThat(rule.path("annotations").path("runbook").asText()).as(alert)
                        .isEqualTo("docs/operations.md#" + alert.toLowerCase(Locale.ROOT));
                assertThat(operations).as("runbook section of %s", alert).contains("\n### " + alert + "\n");
            }
        }

        assertThat(alerts).hasSizeGreaterThan(8);
        assertThat(unknownMetrics(expressions)).isEmpty();
    }

    @Test
    void theMetricCheckFindsAMisspeltName() throws IOException {
        assertThat(unknownMetrics(List.of("rate(switchboard_turns_ended_total[5m])",
                "rate(switchboard_turn_ended_total[5m])"))).containsExactly("switchboard_turn_ended_total");
    }

    private static Set<String> unknownMetrics(List<String> expressions) throws IOException {
        Set<String> registered = registeredMetrics();
        Set<String> unknown = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC_IN_EXPRESSION.matcher(expression);
            while (metric.find()) {
                String name = metric.group(1);
                if (!FOREIGN.contains(name) && SUFFIXES.stream().noneMatch(suffix -> name.endsWith(suffix)
                        && registered.contains(name.substring(0, name.length() - suffix.length())))) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    /** Every meter name the modules' main sources register with Micrometer, as Prometheus spells it. */
    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        try (var modules = Files.list(ROOT)) {
            for (Path module : modules.map(dir -> dir.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (var files = Files.walk(module)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        for (Path source : sources) {
            String code = Files.readString(source);
            Matcher registration = REGISTRATION.matcher(code);
            while (registration.find()) {
                String argument = registration.group(1) != null ? registration.group(1) : registration.group(2);
                String name = argument.startsWith("\"") ? argument.substring(1, argument.length() - 1)
                        : constant(code, argument);
                if (name != null && name.startsWith("switchboard.")) {
                    names.add(name.replace('.', '_'));
                }
            }
        }
        assertThat(names).as("meter names found in the sources").hasSizeGreaterThan(20);
        return names;
    }

    private static String constant(String code, String identifier) {
        Matcher constant = CONSTANT.matcher(code);
        while (constant.find()) {
            if (constant.group(1).equals(identifier)) {
                return constant.group(2);
            }
        }
        return null;
    }
}
