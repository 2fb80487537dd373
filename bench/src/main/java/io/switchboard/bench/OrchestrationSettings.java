package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What one orchestration benchmark run does, read from {@code bench.*} system properties; every one has a
 * default. The names shared with {@link BenchSettings} mean the same thing; only their defaults differ.
 *
 * @param projectRoot          the checkout whose modules hold the built services
 * @param chats                chats streaming at once in the streaming phase
 * @param messagesPerChat      messages each of those chats sends, each once the previous turn ended
 * @param tenants              tenants the chats are dealt to round-robin; chat-service limits running turns
 *                             per tenant (200 by default), so one tenant would measure that limit
 * @param wordsPerSecond       streaming rate of the offline model
 * @param replyWords           words of each offline answer after its preamble
 * @param coalesceWindow       how long chat-service gathers words into one TextDelta, or null for its default
 * @param streamingTimeout     how long the streaming phase's turns may take before the missing ones are counted
 * @param samePartitionChats   head-of-line phase: fast chats on the stalled chat's partition
 * @param otherPartitionChats  head-of-line phase: fast chats on the other partitions
 * @param headOfLineMessages   messages each head-of-line chat sends, one after the other
 * @param headOfLineTimeout    how long the head-of-line phase (stall included) may take
 * @param keepData             keep the data directory (with the services' logs) after the run
 * @param serviceConfig        further configuration for every service, from {@code bench.service.KEY=VALUE}
 */
public record OrchestrationSettings(Path projectRoot, int chats, int messagesPerChat, int tenants,
        int wordsPerSecond, int replyWords, String coalesceWindow, Duration streamingTimeout,
        int samePartitionChats, int otherPartitionChats, int headOfLineMessages, Duration headOfLineTimeout,
        boolean keepData, Map<String, String> serviceConfig) {

    public OrchestrationSettings {
        BenchSettings.requirePositive(chats, "bench.chats");
        BenchSettings.requirePositive(messagesPerChat, "bench.messages");
        BenchSettings.requirePositive(tenants, "bench.tenants");
        BenchSettings.requirePositive(wordsPerSecond, "bench.words-per-second");
        BenchSettings.requirePositive(replyWords, "bench.reply-words");
        BenchSettings.requirePositive(samePartitionChats, "bench.hol.same-partition-chats");
        BenchSettings.requirePositive(otherPartitionChats, "bench.hol.other-partition-chats");
        BenchSettings.requirePositive(headOfLineMessages, "bench.hol.messages");
    }

    public static OrchestrationSettings fromSystemProperties() {
        Properties p = System.getProperties();
        return new OrchestrationSettings(
                Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                BenchSettings.intValue(p, "bench.chats", 500),
                BenchSettings.intValue(p, "bench.messages", 3),
                BenchSettings.intValue(p, "bench.tenants", 5),
                BenchSettings.intValue(p, "bench.words-per-second", 50),
                BenchSettings.intValue(p, "bench.reply-words", 40),
                p.getProperty("bench.coalesce-window"),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.timeout-seconds", 300)),
                BenchSettings.intValue(p, "bench.hol.same-partition-chats", 20),
                BenchSettings.intValue(p, "bench.hol.other-partition-chats", 20),
                BenchSettings.intValue(p, "bench.hol.messages", 3),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.hol.timeout-seconds", 120)),
                Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                BenchSettings.serviceConfig(p));
    }

    /** What every service is started with: the offline model's pace, then the experiment's own keys. */
    Map<String, String> stackConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.chat.offline.words-per-second", String.valueOf(wordsPerSecond));
        config.put("switchboard.chat.offline.reply-words", String.valueOf(replyWords));
        if (coalesceWindow != null && !coalesceWindow.isBlank()) {
            config.put("switchboard.chat.coalesce-window", coalesceWindow);
        }
        config.putAll(serviceConfig);
        return config;
    }

    int streamingTurns() {
        return chats * messagesPerChat;
    }

    int headOfLineTurns() {
        return (samePartitionChats + otherPartitionChats) * headOfLineMessages;
    }
}
