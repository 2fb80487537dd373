package io.switchboard.deploy.k8s;

import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.deploy.Checkout;
import io.switchboard.infra.InfraSettings;

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
        return new ServiceSettings(module, Checkout.applicationProperties(module));
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
        return Checkout.topics(module);
    }

    /**
     * The partition count every chat-scoped topic has, which the services' own tests and the launcher assume
     * (infra's InfraSettings.DEFAULT_PARTITIONS; no service property sets it).
     */
    static int partitions() {
        return InfraSettings.DEFAULT_PARTITIONS;
    }

    /**
     * @param variable     the environment variable
     * @param defaultValue the value without it
     */
    record EnvSetting(String variable, String defaultValue) {
    }
}
