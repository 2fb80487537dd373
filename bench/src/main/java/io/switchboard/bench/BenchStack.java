package io.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.switchboard.infra.Directories;
import io.switchboard.infra.InfraSettings;
import io.switchboard.launcher.Stack;
import io.switchboard.launcher.StackSettings;

/**
 * The full stack on free ports and a temporary data directory, both gone after {@link #close()}, or
 * after Ctrl-C: a benchmark run must not leave brokers, databases or data behind.
 */
final class BenchStack implements AutoCloseable {

    private final Stack stack;
    private final Path dataDir;
    private final boolean keepData;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private BenchStack(Stack stack, Path dataDir, boolean keepData) {
        this.stack = stack;
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.shutdownHook = new Thread(this::stop, "bench-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static BenchStack start(BenchSettings settings) {
        return start(settings.projectRoot(), serviceConfig(settings), settings.keepData());
    }

    /**
     * @param serviceConfig configuration for every service (all four get every key)
     * @param keepData      keep the data directory, with the services' logs, after the run
     */
    static BenchStack start(Path projectRoot, Map<String, String> serviceConfig, boolean keepData) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("switchboard-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            InfraSettings infra = InfraSettings.defaults(dataDir).withKeepData(keepData);
            Stack stack = Stack.start(new StackSettings(projectRoot, infra, Map.of(), serviceConfig));
            return new BenchStack(stack, dataDir, keepData);
        } catch (RuntimeException e) {
            if (!keepData) {
                Directories.deleteRecursively(dataDir);
            }
            throw e;
        }
    }

    private static Map<String, String> serviceConfig(BenchSettings settings) {
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.chat.offline.words-per-second", String.valueOf(settings.wordsPerSecond()));
        // A benchmark's one user sends for thousands of chats; it measures the stack, not the REST rate limits.
        for (String limit : new String[] {"user-requests-per-second", "user-burst", "tenant-requests-per-second",
                "tenant-burst"}) {
            config.put("switchboard.api." + limit, "1000000");
        }
        config.put("switchboard.chat.offline.reply-words", String.valueOf(settings.replyWords()));
        if (settings.coalesceWindow() != null && !settings.coalesceWindow().isBlank()) {
            config.put("switchboard.chat.coalesce-window", settings.coalesceWindow());
        }
        config.putAll(settings.serviceConfig());
        return config;
    }

    Stack stack() {
        return stack;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run stop() itself.
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stack.close();
        } finally {
            if (!keepData) {
                Directories.deleteRecursively(dataDir);
            }
        }
    }
}
