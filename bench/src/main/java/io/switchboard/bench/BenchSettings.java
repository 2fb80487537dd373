package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What one benchmark run does, read from {@code bench.*} system properties; every one has a default.
 *
 * @param projectRoot        the checkout whose modules hold the built services
 * @param chats              chats streaming at once
 * @param messagesPerChat    messages each chat sends, one after the other
 * @param chatsPerConnection chats multiplexed over one WebSocket connection
 * @param wordsPerSecond     streaming rate of the offline model
 * @param replyWords         words of each offline answer after its preamble
 * @param coalesceWindow     how long chat-service gathers words into one TextDelta, or null for its default
 * @param streamingTimeout   how long all turns may take before the run counts the missing ones
 * @param workspaceTimeout   how long to wait for every chat's workspace before streaming starts anyway
 * @param floorRecords       measured records of the raw Kafka floor
 * @param floorWarmup        records sent before those, not measured
 * @param floorRecordBytes   size of each floor record's value
 * @param floorRatePerSecond send rate of the floor records
 * @param keepData           keep the data directory (with the services' logs) after the run
 * @param serviceConfig      further configuration for every service, from {@code bench.service.KEY=VALUE}
 *                           properties: for experiments such as another consumer setting
 */
public record BenchSettings(Path projectRoot, int chats, int messagesPerChat, int chatsPerConnection,
        int wordsPerSecond, int replyWords, String coalesceWindow, Duration streamingTimeout, Duration workspaceTimeout,
        int floorRecords, int floorWarmup, int floorRecordBytes, int floorRatePerSecond, boolean keepData,
        Map<String, String> serviceConfig) {

    private static final String SERVICE_PREFIX = "bench.service.";

    public BenchSettings {
        requirePositive(chats, "bench.chats");
        requirePositive(messagesPerChat, "bench.messages");
        requirePositive(chatsPerConnection, "bench.chats-per-connection");
        requirePositive(wordsPerSecond, "bench.words-per-second");
        requirePositive(replyWords, "bench.reply-words");
        requirePositive(floorRecords, "bench.floor.records");
        requirePositive(floorRatePerSecond, "bench.floor.rate");
        // The send timestamp travels in the first eight bytes of the value.
        if (floorRecordBytes < Long.BYTES) {
            throw new IllegalArgumentException("bench.floor.record-bytes must be at least " + Long.BYTES);
        }
    }

    public static BenchSettings fromSystemProperties() {
        Properties p = System.getProperties();
        return new BenchSettings(
                Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                intValue(p, "bench.chats", 50),
                intValue(p, "bench.messages", 3),
                intValue(p, "bench.chats-per-connection", 10),
                intValue(p, "bench.words-per-second", 50),
                intValue(p, "bench.reply-words", 40),
                p.getProperty("bench.coalesce-window"),
                Duration.ofSeconds(intValue(p, "bench.timeout-seconds", 120)),
                Duration.ofSeconds(intValue(p, "bench.workspace-timeout-seconds", 60)),
                intValue(p, "bench.floor.records", 20_000),
                intValue(p, "bench.floor.warmup", 1_000),
                intValue(p, "bench.floor.record-bytes", 200),
                intValue(p, "bench.floor.rate", 2_000),
                Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                serviceConfig(p));
    }

    /** The {@code bench.service.KEY=VALUE} properties as KEY to VALUE. */
    static Map<String, String> serviceConfig(Properties properties) {
        Map<String, String> config = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(SERVICE_PREFIX) && name.length() > SERVICE_PREFIX.length()) {
                config.put(name.substring(SERVICE_PREFIX.length()), properties.getProperty(name));
            }
        }
        return Map.copyOf(config);
    }

    public int connections() {
        return (chats + chatsPerConnection - 1) / chatsPerConnection;
    }

    public int expectedTurns() {
        return chats * messagesPerChat;
    }

    static int intValue(Properties properties, String name, int fallback) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
