package io.switchboard.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.switchboard.events.Topics;
import io.switchboard.infra.auth.LocalKeys;
import io.switchboard.infra.kafka.KafkaBroker;
import io.switchboard.infra.kafka.KafkaTopics;
import io.switchboard.infra.postgres.PostgresServer;

/**
 * Everything the services need, without Docker: a Kafka broker with the chat-scoped topics,
 * PostgreSQL with one database per service, and the local token-signing keys.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalInfrastructure.class.getName());

    private final InfraSettings settings;
    private volatile KafkaBroker kafka;
    private volatile PostgresServer postgres;
    private final LocalKeys keys;

    private LocalInfrastructure(InfraSettings settings, KafkaBroker kafka, PostgresServer postgres, LocalKeys keys) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.keys = keys;
    }

    /** The two servers {@link #start} starts, each with the log it writes on its own. */
    public enum Server {
        KAFKA("Kafka"),
        POSTGRES("PostgreSQL");

        private final String displayName;

        Server(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        /** Where the server's own log is under these settings, whether or not it has started. */
        public Path log(InfraSettings settings) {
            return this == KAFKA
                    ? KafkaBroker.logFile(kafkaDir(settings))
                    : PostgresServer.logFile(postgresWorkDir(settings));
        }
    }

    /**
     * Told how starting each server went, from the thread that started it, as soon as it is known: for the
     * launcher's progress lines, which would otherwise have to wait for the slower of the two.
     */
    public interface StartListener {

        StartListener SILENT = new StartListener() {
        };

        default void ready(Server server, Duration took) {
        }

        default void failed(Server server, Duration took, RuntimeException failure) {
        }
    }

    /** Starts Kafka and PostgreSQL in parallel and returns once both are ready for use. */
    public static LocalInfrastructure start(InfraSettings settings) {
        return start(settings, StartListener.SILENT);
    }

    /** Like {@link #start(InfraSettings)}, telling the listener about each server as it becomes ready or fails. */
    public static LocalInfrastructure start(InfraSettings settings, StartListener listener) {
        long started = System.nanoTime();
        if (!settings.keepData()) {
            deleteServerData(settings);
        }
        ExecutorService starters = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-infra-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                    () -> reported(Server.KAFKA, listener, () -> startKafka(settings)), starters);
            CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                    () -> reported(Server.POSTGRES, listener, () -> startPostgres(settings)), starters);
            RuntimeException failure = null;
            LocalKeys keys = null;
            KafkaBroker broker = null;
            PostgresServer server = null;
            try {
                keys = LocalKeys.loadOrCreate(keysDir(settings));
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                broker = kafka.join();
            } catch (CompletionException e) {
                failure = combine(failure, e.getCause());
            }
            try {
                server = postgres.join();
            } catch (CompletionException e) {
                failure = combine(failure, e.getCause());
            }
            if (failure != null) {
                closeAfterFailure(broker, failure);
                closeAfterFailure(server, failure);
                throw failure;
            }
            LOG.log(System.Logger.Level.INFO, "Local infrastructure ready in {0} ms under {1}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), settings.dataDir());
            return new LocalInfrastructure(settings, broker, server, keys);
        } finally {
            starters.shutdown();
        }
    }

    public InfraSettings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public LocalKeys keys() {
        return keys;
    }

    /**
     * Stops the broker, waits, and starts it again on the same ports and log directory: for fault tests, which
     * check that every service rides out a broker restart.
     */
    public synchronized void restartKafka(Duration down) {
        KafkaBroker stopped = kafka;
        stopped.close();
        pause(down);
        kafka = KafkaBroker.start(kafkaDir(settings), stopped.port(), stopped.controllerPort(), settings.brokerHeapMb());
    }

    /**
     * Stops PostgreSQL, waits, and starts it again on the same port and data: for fault tests. Needs settings
     * that keep data, since otherwise stopping the server wipes its data directory.
     */
    public synchronized void restartPostgres(Duration down) {
        if (!settings.keepData()) {
            throw new IllegalStateException("PostgreSQL can only be restarted with settings that keep its data");
        }
        PostgresServer stopped = postgres;
        stopped.close();
        pause(down);
        postgres = PostgresServer.start(postgresDataDir(settings), postgresWorkDir(settings), stopped.port(), true);
    }

    private static void pause(Duration down) {
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a server was down", e);
        }
    }

    /** Stops both servers; without keepData their data is deleted too. Safe to call repeatedly. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
        if (!settings.keepData()) {
            deleteServerData(settings);
        }
    }

    private static <T> T reported(Server server, StartListener listener, Supplier<T> start) {
        long started = System.nanoTime();
        T result;
        try {
            result = start.get();
        } catch (RuntimeException e) {
            listener.failed(server, Duration.ofNanos(System.nanoTime() - started), e);
            throw e;
        }
        listener.ready(server, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    private static KafkaBroker startKafka(InfraSettings settings) {
        KafkaBroker broker = KafkaBroker.start(kafkaDir(settings), settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.brokerHeapMb());
        try {
            List<String> topics = new ArrayList<>(Topics.CHAT_SCOPED);
            topics.addAll(Topics.DEAD_LETTER);
            KafkaTopics.ensure(broker.bootstrapServers(), topics, settings.partitions());
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static PostgresServer startPostgres(InfraSettings settings) {
        PostgresServer server = PostgresServer.start(postgresDataDir(settings), postgresWorkDir(settings),
                settings.postgresPort(), settings.keepData());
        try {
            Databases.ALL.forEach(database -> {
                server.ensureDatabase(database);
                server.ensureServiceRoles(database);
            });
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static RuntimeException combine(RuntimeException first, Throwable next) {
        if (first == null) {
            return next instanceof RuntimeException runtime ? runtime : new IllegalStateException(next);
        }
        first.addSuppressed(next);
        return first;
    }

    private static void closeAfterFailure(AutoCloseable started, RuntimeException failure) {
        if (started == null) {
            return;
        }
        try {
            started.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteServerData(InfraSettings settings) {
        Directories.deleteRecursively(kafkaDir(settings));
        Directories.deleteRecursively(postgresDataDir(settings));
    }

    private static Path kafkaDir(InfraSettings settings) {
        return settings.dataDir().resolve("kafka");
    }

    private static Path postgresDataDir(InfraSettings settings) {
        return settings.dataDir().resolve("postgres").resolve("data");
    }

    /** Extracted binaries and the server log; kept even without keepData, as a cache. */
    private static Path postgresWorkDir(InfraSettings settings) {
        return settings.dataDir().resolve("postgres").resolve("work");
    }

    private static Path keysDir(InfraSettings settings) {
        return settings.dataDir().resolve("keys");
    }
}
