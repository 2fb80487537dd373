package io.switchboard.deploy.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a service's application.properties says about configuration names: the names it sets (profile prefixes
 * removed), the names its values refer to ({@code ${SWITCHBOARD_DB_USER:...}}, {@code ${quarkus.uuid}}), and the
 * references the production profile needs without a default and without another property to supply them.
 */
public record ApplicationProperties(Set<String> setNames, Set<String> prodSetNames, Set<String> referencedNames,
        Set<String> requiredReferences) {

    /** Names Quarkus supplies itself, so a reference to them needs no default. */
    private static final Set<String> SUPPLIED_BY_QUARKUS = Set.of("quarkus.uuid");

    /** One {@code ${name:default}} expression. */
    record Reference(String name, boolean hasDefault) {
    }

    /** One {@code ${name:default}} expression, its default as written (nested expressions unresolved). */
    public record Expression(String name, Optional<String> defaultText) {
    }

    static ApplicationProperties read(Path file) {
        return of(load(file));
    }

    /** What the text of an application.properties file says. */
    public static ApplicationProperties parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(properties);
    }

    private static ApplicationProperties of(Properties properties) {
        Set<String> setNames = new TreeSet<>();
        Set<String> prodSetNames = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        List<Reference> prodReferences = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String name = withoutProfile(key);
            boolean prod = appliesInProd(key);
            setNames.add(name);
            if (prod) {
                prodSetNames.add(name);
            }
            for (Reference reference : references(properties.getProperty(key))) {
                referenced.add(reference.name());
                if (prod) {
                    prodReferences.add(reference);
                }
            }
        }
        Set<String> required = new TreeSet<>();
        for (Reference reference : prodReferences) {
            if (!reference.hasDefault() && !prodSetNames.contains(reference.name())
                    && !SUPPLIED_BY_QUARKUS.contains(reference.name())) {
                required.add(reference.name());
            }
        }
        return new ApplicationProperties(setNames, prodSetNames, referenced, required);
    }

    /** The file's properties as written, profile prefixes kept and expressions unresolved. */
    static Map<String, String> values(Path file) {
        Properties properties = load(file);
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Every expression in a value, nested defaults included. */
    static List<Reference> references(String value) {
        List<Reference> references = new ArrayList<>();
        for (Expression expression : expressions(value)) {
            references.add(new Reference(expression.name(), expression.defaultText().isPresent()));
            expression.defaultText().ifPresent(text -> references.addAll(references(text)));
        }
        return references;
    }

    /** The outermost expressions of a value, in order; those nested in a default are part of its text. */
    public static List<Expression> expressions(String value) {
        List<Expression> expressions = new ArrayList<>();
        int start = value.indexOf("${");
        while (start >= 0) {
            int end = closing(value, start + 2);
            String inner = value.substring(start + 2, end);
            int colon = topLevelColon(inner);
            String name = colon < 0 ? inner : inner.substring(0, colon);
            Optional<String> defaultText = colon < 0 ? Optional.empty() : Optional.of(inner.substring(colon + 1));
            expressions.add(new Expression(name.strip(), defaultText));
            start = value.indexOf("${", end);
        }
        return expressions;
    }

    private static int closing(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unclosed ${ in " + value);
    }

    private static int topLevelColon(String inner) {
        int depth = 0;
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith("${", i)) {
                depth++;
                i++;
            } else if (inner.charAt(i) == '}') {
                depth--;
            } else if (inner.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The name a key sets in production: without its profile prefix, or none when its profiles do not include prod
     * ({@code %test.a} sets nothing there, {@code %prod.a} and {@code a} set {@code a}).
     */
    public static Optional<String> productionName(String key) {
        return appliesInProd(key) ? Optional.of(withoutProfile(key)) : Optional.empty();
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static boolean appliesInProd(String key) {
        if (!key.startsWith("%")) {
            return true;
        }
        String profiles = key.substring(1, key.indexOf('.'));
        return List.of(profiles.split(",")).contains("prod");
    }
}
