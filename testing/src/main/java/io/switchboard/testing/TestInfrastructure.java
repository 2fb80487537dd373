package io.switchboard.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import io.switchboard.infra.postgres.PostgresServer;

/**
 * The one Kafka broker and PostgreSQL server of this test JVM, with the chat-scoped topics
 * (12 partitions) and the databases of {@link io.switchboard.infra.Databases}.
 *
 * <p>Quarkus loads every {@code @TestProfile} in a fresh class loader, so static fields cannot
 * tell whether the servers run. The started flag and the connection facts live in system
 * properties instead, which every class loader sees; the accessors here read them.
 */
public final class TestInfrastructure {

    static final String PREFIX = "switchboard.test.";
    static final String STARTED = PREFIX + "started";
    static final String DATA_DIR = PREFIX + "data-dir";
    static final String BOOTSTRAP_SERVERS = PREFIX + "kafka.bootstrap-servers";
    static final String POSTGRES_PORT = PREFIX + "postgres.port";
    static final String POSTGRES_USERNAME = PREFIX + "postgres.username";
    static final String POSTGRES_PASSWORD = PREFIX + "postgres.password";
    static final String PUBLIC_KEY = PREFIX + "oidc.public-key";
    static final String PRIVATE_KEY_PEM = PREFIX + "oidc.private-key-pem";

    private TestInfrastructure() {
    }

    /**
     * Starts the servers unless they already run in this JVM; they stop when the JVM exits. The
     * servers are owned by the system class loader's copy of this library where it has one, so
     * that stopping them at exit does not depend on a Quarkus class loader that is closed by then.
     */
    public static void ensureStarted() {
        if (isStarted()) {
            return;
        }
        Class<?> owner;
        try {
            owner = Class.forName(InfrastructureOwner.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            owner = InfrastructureOwner.class;
        }
        try {
            Method startOnce = owner.getDeclaredMethod("startOnce");
            startOnce.setAccessible(true);
            startOnce.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the test infrastructure through " + owner.getClassLoader(), e);
        }
    }

    public static boolean isStarted() {
        return Boolean.getBoolean(STARTED);
    }

    /** {@code bootstrap.servers} of the broker. */
    public static String bootstrapServers() {
        return fact(BOOTSTRAP_SERVERS);
    }

    public static int postgresPort() {
        return Integer.parseInt(fact(POSTGRES_PORT));
    }

    public static String jdbcUrl(String database) {
        return PostgresServer.jdbcUrl(postgresPort(), database);
    }

    /** The form {@code quarkus.datasource.reactive.url} takes. */
    public static String reactiveUrl(String database) {
        return PostgresServer.reactiveUrl(postgresPort(), database);
    }

    /** The application role, which owns every database. */
    public static String databaseUsername() {
        return fact(POSTGRES_USERNAME);
    }

    public static String databasePassword() {
        return fact(POSTGRES_PASSWORD);
    }

    /** Base64 DER public key that verifies {@link TestTokens}; the form {@code quarkus.oidc.public-key} takes. */
    public static String publicKeyBase64() {
        return fact(PUBLIC_KEY);
    }

    /** The temporary directory holding all server data; deleted when the JVM exits. */
    public static Path dataDir() {
        return Path.of(fact(DATA_DIR));
    }

    static String privateKeyPem() {
        return fact(PRIVATE_KEY_PEM);
    }

    private static String fact(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("The Switchboard test infrastructure is not started: annotate the test with"
                    + " @WithTestResource(SwitchboardInfrastructureResource.class) or call TestInfrastructure.ensureStarted()");
        }
        return value;
    }
}
