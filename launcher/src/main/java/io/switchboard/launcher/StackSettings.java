package io.switchboard.launcher;

import java.nio.file.Path;
import java.util.Map;

import io.switchboard.infra.InfraSettings;

/**
 * Everything the launcher starts, and where.
 *
 * @param projectRoot  the checkout, whose modules hold the built services
 * @param infra        Kafka, PostgreSQL and key settings
 * @param servicePorts HTTP port of each service; 0 picks a free one
 * @param extraConfig  further configuration handed to every service as system properties
 */
public record StackSettings(Path projectRoot, InfraSettings infra, Map<ServiceName, Integer> servicePorts,
        Map<String, String> extraConfig) {

    /** Issuer of the locally signed tokens; the services accept no other. */
    public static final String LOCAL_ISSUER = "switchboard-local";
}
