package io.switchboard.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's application.properties says about the settings the manifests must agree with, read as
 * Quarkus reads them: a value {@code ${ENV:default}} comes from the environment variable ENV, else the default.
 *
 * @param module     the service's Maven module, also its Deployment's name
 * @param properties its application.properties
 */
record ServiceSettings(String module, Properties properties) {

    static final Set<String> SERVICES = Set.of("gateway", "session-service", "chat-service",
            "git-workspace-service");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    static ServiceSettings of(String module) {
        Path file = Renderings.repositoryRoot().resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return new ServiceSettings(module, properties);
    }

    boolean has(String key) {
        return properties.containsKey(key);
    }

    /** The environment variable a property is read from and its default, e.g. SWITCHBOARD_DB_USER, chats_app. */
    EnvSetting env(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(module + " has no " + key);
        }
        Matcher matcher = REFERENCE.matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(module + ": " + key + " is not read from the environment: " + value);
        }
        return new EnvSetting(matcher.group(1), matcher.group(2));
    }

    /** Every Kafka topic the service's channels name. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.") && key.endsWith(".topic"))
                .forEach(key -> topics.add(properties.getProperty(key).trim()));
        return topics;
    }

    /**
     * The partition count every chat-scoped topic has, which the services' own tests and the launcher assume
     * (infra's InfraSettings.DEFAULT_PARTITIONS; no service property sets it).
     */
    static int partitions() {
        Path file = Renderings.repositoryRoot().resolve("infra/src/main/java/io/switchboard/infra/InfraSettings.java");
        try {
            Matcher matcher = Pattern.compile("DEFAULT_PARTITIONS\\s*=\\s*(\\d+)\\s*;").matcher(Files.readString(file));
            if (!matcher.find()) {
                throw new IllegalStateException("No DEFAULT_PARTITIONS in " + file);
            }
            return Integer.parseInt(matcher.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /**
     * @param variable     the environment variable
     * @param defaultValue the value without it
     */
    record EnvSetting(String variable, String defaultValue) {
    }
}
