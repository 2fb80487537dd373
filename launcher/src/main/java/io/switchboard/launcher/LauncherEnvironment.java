package io.switchboard.launcher;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.switchboard.infra.InfraSettings;
import io.switchboard.infra.kafka.KafkaBroker;

/** The launcher's settings, read from environment variables; every one has a default. */
public final class LauncherEnvironment {

    private final Map<String, String> env;

    public LauncherEnvironment(Map<String, String> env) {
        this.env = env;
    }

    public Path dataDir(Path projectRoot) {
        String configured = env.get("SWITCHBOARD_DATA_DIR");
        return configured == null || configured.isBlank() ? projectRoot.resolve(".switchboard") : Path.of(configured);
    }

    public StackSettings stackSettings(Path projectRoot) {
        InfraSettings infra = new InfraSettings(dataDir(projectRoot).toAbsolutePath(),
                intVar("SWITCHBOARD_KAFKA_PORT", 19092),
                intVar("SWITCHBOARD_KAFKA_CONTROLLER_PORT", 19093),
                intVar("SWITCHBOARD_POSTGRES_PORT", 15432),
                intVar("SWITCHBOARD_PARTITIONS", InfraSettings.DEFAULT_PARTITIONS),
                true,
                intVar("SWITCHBOARD_KAFKA_HEAP_MB", KafkaBroker.DEFAULT_HEAP_MB));
        Map<ServiceName, Integer> ports = new EnumMap<>(ServiceName.class);
        ports.put(ServiceName.GATEWAY, intVar("SWITCHBOARD_GATEWAY_PORT", 8080));
        ports.put(ServiceName.SESSION, intVar("SWITCHBOARD_SESSION_PORT", 8081));
        ports.put(ServiceName.CHAT, intVar("SWITCHBOARD_CHAT_PORT", 8082));
        ports.put(ServiceName.WORKSPACE, intVar("SWITCHBOARD_WORKSPACE_PORT", 8083));
        Map<String, String> extra = new HashMap<>();
        extra.put("switchboard.chat.offline.words-per-second", String.valueOf(intVar("SWITCHBOARD_OFFLINE_WORDS_PER_SECOND", 20)));
        return new StackSettings(projectRoot, infra, ports, extra);
    }

    public String tenant() {
        return env.getOrDefault("SWITCHBOARD_TENANT", "local");
    }

    public String user() {
        return env.getOrDefault("SWITCHBOARD_USER", "developer");
    }

    /** Roles of the printed token: by default the local developer is also the tenant's admin. */
    public Set<String> roles() {
        String roles = env.getOrDefault("SWITCHBOARD_ROLES", "user,admin");
        Set<String> parsed = new TreeSet<>();
        for (String role : roles.split(",")) {
            if (!role.isBlank()) {
                parsed.add(role.strip());
            }
        }
        return parsed;
    }

    public int tokenHours() {
        return intVar("SWITCHBOARD_TOKEN_HOURS", 12);
    }

    private int intVar(String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
