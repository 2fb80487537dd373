package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What one poison benchmark run does, read from {@code bench.*} system properties; every one has a default.
 *
 * @param projectRoot      the checkout whose modules hold the built services
 * @param floodChats       chats the gateway-memory flood sends into
 * @param floodMessages    messages each flood chat is sent, one after the other
 * @param floodTextChars   length of each flood message (ASCII, so as many bytes)
 * @param wordsPerSecond   streaming rate of the offline model
 * @param livenessTimeout  how long each liveness check may take before its consumer counts as halted
 * @param floodTimeout     how long all flood turns may take
 * @param kafkaCorpus      write the Kafka corpus; false makes a control run, which shows what the liveness
 *                         checks give without it
 * @param keepData         keep the data directory (with the services' logs) after the run
 * @param serviceConfig    further configuration for every service, from {@code bench.service.KEY=VALUE}
 */
public record PoisonSettings(Path projectRoot, int floodChats, int floodMessages, int floodTextChars,
        int wordsPerSecond, Duration livenessTimeout, Duration floodTimeout, boolean kafkaCorpus, boolean keepData,
        Map<String, String> serviceConfig) {

    public PoisonSettings {
        BenchSettings.requirePositive(floodChats, "bench.poison.flood-chats");
        BenchSettings.requirePositive(floodMessages, "bench.poison.flood-messages");
        BenchSettings.requirePositive(wordsPerSecond, "bench.words-per-second");
        if (floodTextChars < 100) {
            throw new IllegalArgumentException("bench.poison.flood-text-chars must be at least 100, was "
                    + floodTextChars);
        }
    }

    public static PoisonSettings fromSystemProperties() {
        Properties p = System.getProperties();
        return new PoisonSettings(
                Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                BenchSettings.intValue(p, "bench.poison.flood-chats", 100),
                BenchSettings.intValue(p, "bench.poison.flood-messages", 2),
                BenchSettings.intValue(p, "bench.poison.flood-text-chars", 32_000),
                BenchSettings.intValue(p, "bench.words-per-second", 200),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.poison.liveness-timeout-seconds", 30)),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.timeout-seconds", 120)),
                Boolean.parseBoolean(p.getProperty("bench.poison.kafka", "true")),
                Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                BenchSettings.serviceConfig(p));
    }

    /** What every service is started with: a fast offline model, then the experiment's own keys. */
    Map<String, String> stackConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.chat.offline.words-per-second", String.valueOf(wordsPerSecond));
        config.put("switchboard.chat.offline.reply-words", "5");
        config.putAll(serviceConfig);
        return config;
    }

    int floodTurns() {
        return floodChats * floodMessages;
    }
}
