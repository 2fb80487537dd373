package io.switchboard.deploy.reference;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.switchboard.deploy.compose.ApplicationProperties;
import io.switchboard.deploy.compose.EnvNames;

/**
 * docs/configuration.md, the operators' list of the environment variables each service reads, generated from the
 * services' src/main/resources/application.properties so that it cannot drift from them.
 *
 * <p>A row is a property whose value has an outermost {@code ${NAME...}} expression with an environment variable's
 * name ({@link EnvNames#looksLikeEnvName}): the variable, the property, the expression's default as written (a
 * nested expression stays text, {@code ${NAME:}} is an empty default) or "required" when it has none and nothing
 * else sets the name ({@link ApplicationProperties#requiredReferences}), and the comment lines directly above the
 * property, joined into one line. Lines of profiles other than prod are skipped; a {@code %prod.} line takes the
 * place of the same property's line without a profile.
 *
 * <p>Below each table, a short list of the Quarkus settings the file fixes that operators override by Quarkus's
 * standard environment names (docs/operations.md, "Tracing"): every property set without any {@code ${...}} whose
 * name starts with one of {@link #OVERRIDABLE_PREFIXES}, under its MicroProfile Config name ({@link EnvNames#of}).
 * Settings the file does not mention, such as the OTLP endpoint, cannot be derived from it and are not listed.
 */
final class ConfigurationReference {

    static final List<String> SERVICES = List.of("gateway", "session-service", "chat-service",
            "git-workspace-service");

    static final List<String> OVERRIDABLE_PREFIXES = List.of("quarkus.otel.", "quarkus.shutdown.", "quarkus.log.");
    /**
     * What the variables several services share mean, for a file that does not say it above the property: written
     * once here rather than repeated in every service's file. A test checks that each is still read somewhere.
     */
    static final Map<String, String> SHARED_DESCRIPTIONS = Map.ofEntries(
            Map.entry("SWITCHBOARD_MANAGEMENT_PORT", "Port of health probes, metrics and the OpenAPI document."),
            Map.entry("SWITCHBOARD_PUBLIC_KEY",
                    "The launcher's public key for tokens in local key mode; unset with a provider (docs/oidc.md)."),
            Map.entry("SWITCHBOARD_ROLE_CLAIMS", "The token claims roles are read from."),
            Map.entry("SWITCHBOARD_DB_REACTIVE_URL", "The service's database, for requests."),
            Map.entry("SWITCHBOARD_DB_JDBC_URL", "The same database, for Flyway's migrations at start."),
            Map.entry("SWITCHBOARD_DB_PASSWORD", "Password of the application role (SWITCHBOARD_DB_USER)."),
            Map.entry("SWITCHBOARD_DB_RELAY_USER",
                    "The role that reads across tenants for background work (docs/security.md)."),
            Map.entry("SWITCHBOARD_DB_RELAY_PASSWORD", "Password of SWITCHBOARD_DB_RELAY_USER."),
            Map.entry("SWITCHBOARD_DB_OWNER", "The role that owns the schema and runs the migrations."),
            Map.entry("SWITCHBOARD_DB_OWNER_PASSWORD", "Password of SWITCHBOARD_DB_OWNER."));

    /** Fixed when the application is built: a variable set at run time would change nothing, so none is offered. */
    static final Set<String> BUILD_TIME = Set.of("quarkus.otel.traces.sampler", "quarkus.otel.enabled",
            "quarkus.otel.traces.exporter", "quarkus.log.min-level");

    private static final String INTRO = """
            # Configuration reference

            The environment variables each service reads through its application.properties: the property each one
            sets, its default, and the comment above that property. Below each table are the Quarkus settings the file
            fixes (tracing, logging, shutdown) and the standard variables that override them. Any other property is set
            the same way, by its name upper-cased with every character but letters and digits turned into `_`; the
            tracing ones, such as the OTLP endpoint, are in [operations.md](operations.md#tracing). This file is
            generated from each service's `src/main/resources/application.properties` by `ConfigurationReferenceTest`
            (deploy module), which fails when the two no longer match: to regenerate it, run
            `mvn -pl deploy test -Dtest=ConfigurationReferenceTest` and copy `deploy/target/configuration.md` here.
            """;

    private ConfigurationReference() {
    }

    /** One environment variable a service reads; no default means production must set it. */
    record Row(String variable, String property, Optional<String> defaultText, String description) {
    }

    /** A Quarkus setting the file fixes, and the environment variable that overrides it. */
    record Overridable(String variable, String property, String value) {
    }

    record Section(String service, List<Row> rows, List<Overridable> overridable) {
    }

    /** A property as production sees it, with the comment lines directly above it joined into one line. */
    private record Setting(String property, String value, String description) {
    }

    /** One logical line of a properties file (continuations joined), as written. */
    private record Entry(String key, String value, String description) {
    }

    /** The section of every service of the checkout at {@code root}. */
    static List<Section> read(Path root) {
        List<Section> sections = new ArrayList<>();
        for (String service : SERVICES) {
            Path file = root.resolve(service).resolve("src/main/resources/application.properties");
            try {
                sections.add(section(service, Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(file.toString(), e);
            }
        }
        return sections;
    }

    /** The section of {@code service}, whose application.properties holds {@code text}. */
    static Section section(String service, String text) {
        ApplicationProperties properties = ApplicationProperties.parse(text);
        Map<String, Setting> settings = productionSettings(text);
        List<Row> rows = new ArrayList<>();
        List<Overridable> overridable = new ArrayList<>();
        for (Setting setting : settings.values()) {
            List<ApplicationProperties.Expression> expressions = ApplicationProperties.expressions(setting.value());
            for (ApplicationProperties.Expression expression : expressions) {
                if (EnvNames.looksLikeEnvName(expression.name())) {
                    String description = setting.description().isEmpty()
                            ? SHARED_DESCRIPTIONS.getOrDefault(expression.name(), "") : setting.description();
                    rows.add(new Row(expression.name(), setting.property(),
                            defaultOf(expression, properties, settings), description));
                }
            }
            if (expressions.isEmpty() && OVERRIDABLE_PREFIXES.stream().anyMatch(setting.property()::startsWith)
                    && !BUILD_TIME.contains(setting.property())) {
                overridable.add(new Overridable(EnvNames.of(setting.property()), setting.property(),
                        setting.value()));
            }
        }
        rows.sort(Comparator.comparing(Row::variable).thenComparing(Row::property));
        overridable.sort(Comparator.comparing(Overridable::variable));
        return new Section(service, List.copyOf(rows), List.copyOf(overridable));
    }

    static String markdown(List<Section> sections) {
        StringBuilder markdown = new StringBuilder(INTRO);
        for (Section section : sections) {
            markdown.append("\n## ").append(section.service()).append("\n\n")
                    .append("| Environment variable | Property | Default | Description |\n")
                    .append("| --- | --- | --- | --- |\n");
            for (Row row : section.rows()) {
                markdown.append("| ").append(code(row.variable()))
                        .append(" | ").append(code(row.property()))
                        .append(" | ").append(row.defaultText().map(ConfigurationReference::defaultCell)
                                .orElse("required"))
                        .append(" | ").append(cell(row.description()))
                        .append(" |\n");
            }
            if (!section.overridable().isEmpty()) {
                markdown.append("\nQuarkus settings fixed in application.properties:\n\n");
                for (Overridable setting : section.overridable()) {
                    markdown.append("- `").append(setting.property()).append('=').append(setting.value())
                            .append("`: overridable as `").append(setting.variable()).append("`\n");
                }
            }
        }
        return markdown.toString();
    }

    private static Optional<String> defaultOf(ApplicationProperties.Expression expression,
            ApplicationProperties properties, Map<String, Setting> settings) {
        if (expression.defaultText().isPresent() || properties.requiredReferences().contains(expression.name())) {
            return expression.defaultText();
        }
        // Not required although it has no default: the file sets the name itself, and that is what applies.
        return Optional.ofNullable(settings.get(expression.name())).map(Setting::value);
    }

    /**
     * The properties production sees, in the file's order, by name: a {@code %prod.} line replaces the line without
     * a profile wherever either stands, and takes that line's description when it has none of its own.
     */
    private static Map<String, Setting> productionSettings(String text) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        Set<String> fromProfile = new HashSet<>();
        for (Entry entry : entries(text)) {
            Optional<String> name = ApplicationProperties.productionName(entry.key());
            if (name.isEmpty()) {
                continue;
            }
            boolean profiled = entry.key().startsWith("%");
            Setting line = new Setting(name.get(), entry.value(), entry.description());
            Setting previous = settings.get(name.get());
            Setting kept = !profiled && fromProfile.contains(name.get()) ? previous : line;
            Setting other = kept == line ? previous : line;
            if (kept.description().isEmpty() && other != null) {
                kept = new Setting(kept.property(), kept.value(), other.description());
            }
            settings.put(name.get(), kept);
            if (profiled) {
                fromProfile.add(name.get());
            }
        }
        return settings;
    }

    /**
     * The file's logical lines with the comment lines directly above each; only the grouping is done here, the key
     * and value are read by {@link Properties} as Quarkus reads them.
     */
    private static List<Entry> entries(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : text.lines().toList()) {
            String stripped = line.strip();
            if (logical.isEmpty() && stripped.isEmpty()) {
                comment.clear();
            } else if (logical.isEmpty() && (stripped.startsWith("#") || stripped.startsWith("!"))) {
                comment.add(stripped.substring(1).strip());
            } else {
                logical.append(line).append('\n');
                if (!continued(line)) {
                    entries.add(entry(logical.toString(), comment));
                    logical.setLength(0);
                    comment.clear();
                }
            }
        }
        if (!logical.isEmpty()) {
            entries.add(entry(logical.toString(), comment));
        }
        return entries;
    }

    private static Entry entry(String logicalLine, List<String> comment) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(logicalLine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = properties.stringPropertyNames().iterator().next();
        String description = String.join(" ", comment.stream().filter(line -> !line.isEmpty()).toList());
        return new Entry(key, properties.getProperty(key), description);
    }

    /** An odd number of trailing backslashes continues the line; an even number are escaped backslashes. */
    private static boolean continued(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String defaultCell(String defaultText) {
        return defaultText.isEmpty() ? "empty" : code(defaultText);
    }

    private static String code(String text) {
        return "`" + cell(text) + "`";
    }

    /** A table cell's text: a {@code |} would end the cell, even inside a code span. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
