package io.switchboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What one {@link GatewayFollowBenchmark} run does, read from {@code bench.*} system properties; every one has a
 * default.
 *
 * @param foreignChats    the stages: chats whose TextDeltas are produced straight to chat.events while no socket
 *                        follows them, {@code bench.follow.foreign-chats}; the first must be 0, the opening baseline
 * @param closingBaseline one more N=0 stage after the others, {@code bench.follow.closing-baseline}: the baseline
 *                        the cost per record is measured against, since by then the stack's code is compiled (the
 *                        opening one still drifts down with the JIT)
 * @param rate            foreign records per second in every stage but the baseline, {@code bench.follow.rate}
 * @param window          the measured part of each stage, {@code bench.follow.window-seconds}
 * @param settle          the unmeasured start of each stage, {@code bench.follow.settle-seconds}
 * @param warmup          own load and foreign records on chats of their own before the first stage, not
 *                        measured, {@code bench.follow.warmup-seconds}
 * @param ownChats        chats each gateway's own subscribers follow, {@code bench.follow.own-chats}
 * @param messageInterval how often each own chat sends a message, {@code bench.follow.message-interval-seconds}
 * @param wordsPerSecond  the offline model's rate, {@code bench.words-per-second}
 * @param replyWords      words of each offline answer after its preamble, {@code bench.reply-words}
 * @param setFollowOnly   start A with follow-only true and B with false, {@code bench.follow.set-follow-only};
 *                        false starts both without the setting, as an A/A run: a gateway built before the setting
 *                        existed refuses to start with it (SRCFG00050), and the pair then shows the noise floor
 * @param keepData        keep the data directory (with the services' logs) after the run
 * @param serviceConfig   further configuration for every service, from {@code bench.service.KEY=VALUE}
 */
record FollowSettings(Path projectRoot, List<Integer> foreignChats, boolean closingBaseline, int rate,
        Duration window, Duration settle, Duration warmup, int ownChats, Duration messageInterval, int wordsPerSecond,
        int replyWords, boolean setFollowOnly, boolean keepData, Map<String, String> serviceConfig) {

    FollowSettings {
        foreignChats = List.copyOf(foreignChats);
        if (foreignChats.isEmpty() || foreignChats.get(0) != 0) {
            throw new IllegalArgumentException("bench.follow.foreign-chats must start with 0, the baseline stage the"
                    + " cost per record is measured against, was " + foreignChats);
        }
        if (foreignChats.stream().anyMatch(chats -> chats < 0)) {
            throw new IllegalArgumentException("bench.follow.foreign-chats must not be negative: " + foreignChats);
        }
        BenchSettings.requirePositive(rate, "bench.follow.rate");
        BenchSettings.requirePositive((int) window.toSeconds(), "bench.follow.window-seconds");
        BenchSettings.requirePositive(ownChats, "bench.follow.own-chats");
        BenchSettings.requirePositive((int) messageInterval.toSeconds(), "bench.follow.message-interval-seconds");
        BenchSettings.requirePositive(wordsPerSecond, "bench.words-per-second");
    }

    static FollowSettings fromSystemProperties() {
        Properties p = System.getProperties();
        return new FollowSettings(
                Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                counts(p.getProperty("bench.follow.foreign-chats", "0,1000,10000,100000")),
                Boolean.parseBoolean(p.getProperty("bench.follow.closing-baseline", "true")),
                BenchSettings.intValue(p, "bench.follow.rate", 4_000),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.follow.window-seconds", 30)),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.follow.settle-seconds", 5)),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.follow.warmup-seconds", 60)),
                BenchSettings.intValue(p, "bench.follow.own-chats", 20),
                Duration.ofSeconds(BenchSettings.intValue(p, "bench.follow.message-interval-seconds", 10)),
                BenchSettings.intValue(p, "bench.words-per-second", 1000),
                BenchSettings.intValue(p, "bench.reply-words", 33),
                Boolean.parseBoolean(p.getProperty("bench.follow.set-follow-only", "true")),
                Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                BenchSettings.serviceConfig(p));
    }

    private static List<Integer> counts(String list) {
        List<Integer> counts = new ArrayList<>();
        for (String count : list.split(",")) {
            if (!count.isBlank()) {
                try {
                    counts.add(Integer.parseInt(count.strip().replace("_", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bench.follow.foreign-chats must list whole numbers, was '"
                            + list + "'");
                }
            }
        }
        return counts;
    }

    /** The stages in the order they run: the listed ones, then the closing baseline if asked for. */
    List<Integer> stages() {
        List<Integer> stages = new ArrayList<>(foreignChats);
        if (closingBaseline) {
            stages.add(0);
        }
        return List.copyOf(stages);
    }

    int maxForeignChats() {
        return foreignChats.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * What every service is started with: unthrottled requests, the short offline answer, and the stack's own
     * gateway (A) explicitly in follow-only mode, whatever the gateway's default is (other services have no
     * {@code switchboard.gateway} settings to check the key against).
     */
    Map<String, String> stackConfig() {
        Map<String, String> config = new HashMap<>();
        for (String limit : new String[] {"user-requests-per-second", "user-burst", "tenant-requests-per-second",
                "tenant-burst"}) {
            config.put("switchboard.api." + limit, "1000000");
        }
        config.put("switchboard.chat.offline.words-per-second", String.valueOf(wordsPerSecond));
        config.put("switchboard.chat.offline.reply-words", String.valueOf(replyWords));
        if (setFollowOnly) {
            config.put(GatewayFollowBenchmark.FOLLOW_ONLY, "true");
        }
        config.putAll(serviceConfig);
        return config;
    }
}
