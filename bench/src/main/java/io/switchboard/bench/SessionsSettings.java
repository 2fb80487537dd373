package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What one sessions benchmark run does, read from {@code bench.*} system properties; every one has a default.
 *
 * @param projectRoot     the checkout whose modules hold the built services
 * @param chats           chats of the benchmark's tenant, seeded into session-service's database
 * @param bigProjectChats how many of them are in the one project whose list is measured
 * @param messages        messages of the one chat whose history is measured (half questions, half answers)
 * @param rate            requests per second of each operation, sent on a fixed schedule
 * @param duration        how long each operation is measured
 * @param warmupRate      requests per second of each operation during the warm-up: more than the measured rate
 *                        compiles the services' hot paths sooner (JIT) without measuring the queueing it causes
 * @param idle            how long the stack's CPU is measured without load, to tell its idle cost from the requests'
 * @param keepData        keep the data directory (with the services' logs) after the run
 * @param serviceConfig   further configuration for every service, from {@code bench.service.KEY=VALUE}
 */
public record SessionsSettings(Path projectRoot, int chats, int bigProjectChats, int messages, int rate,
        Duration duration, Duration warmup, int warmupRate, Duration idle, boolean keepData, Map<String, String> serviceConfig) {

    public SessionsSettings {
        BenchSettings.requirePositive(chats, "bench.sessions.chats");
        BenchSettings.requirePositive(bigProjectChats, "bench.sessions.big-project-chats");
        BenchSettings.requirePositive(messages, "bench.sessions.messages");
        BenchSettings.requirePositive(rate, "bench.sessions.rate");
        BenchSettings.requirePositive(warmupRate, "bench.sessions.warmup-rate");
        if (bigProjectChats > chats) {
            throw new IllegalArgumentException("bench.sessions.big-project-chats must not exceed bench.sessions.chats");
        }
    }

    public static SessionsSettings fromSystemProperties() {
        Properties p = System.getProperties();
        return new SessionsSettings(
                Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                BenchSettings.intValue(p, "bench.sessions.chats", 10_000),
                BenchSettings.intValue(p, "bench.sessions.big-project-chats", 1_000),
                BenchSettings.intValue(p, "bench.sessions.messages", 100_000),
                BenchSettings.intValue(p, "bench.sessions.rate", 20),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.sessions.seconds", 20)),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.sessions.warmup-seconds", 0)),
                BenchSettings.intValue(p, "bench.sessions.warmup-rate",
                        BenchSettings.intValue(p, "bench.sessions.rate", 20)),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.sessions.idle-seconds", 10)),
                Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                BenchSettings.serviceConfig(p));
    }

    /** What every service is started with: room for the seeded chats and unthrottled requests. */
    Map<String, String> stackConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.session.max-chats-per-tenant", String.valueOf(chats + 10_000));
        for (String limit : new String[] {"user-requests-per-second", "user-burst", "tenant-requests-per-second",
                "tenant-burst"}) {
            config.put("switchboard.api." + limit, "1000000");
        }
        config.putAll(serviceConfig);
        return config;
    }
}
