package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.switchboard.infra.Directories;
import io.switchboard.infra.InfraSettings;
import io.switchboard.infra.LocalInfrastructure;

/**
 * Starts the test JVM's servers once and stops them at exit. {@link TestInfrastructure} calls
 * {@link #startOnce()} reflectively on the system class loader's copy of this class.
 */
final class InfrastructureOwner {

    /**
     * String literals are interned JVM-wide, so this is one monitor for every class loader that
     * loads this class: two profiles starting at once still start one set of servers.
     */
    private static final String JVM_WIDE_LOCK = "io.switchboard.testing.InfrastructureOwner.lock";

    private InfrastructureOwner() {
    }

    static void startOnce() {
        synchronized (JVM_WIDE_LOCK) {
            if (TestInfrastructure.isStarted()) {
                return;
            }
            Path dataDir = createTempDirectory();
            LocalInfrastructure infra;
            try {
                infra = LocalInfrastructure.start(InfraSettings.defaults(dataDir).withKeepData(false));
            } catch (RuntimeException e) {
                Directories.deleteRecursively(dataDir);
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(infra, dataDir), "switchboard-test-infrastructure-stop"));
            publish(infra, dataDir);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("switchboard-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the test infrastructure", e);
        }
    }

    private static void publish(LocalInfrastructure infra, Path dataDir) {
        System.setProperty(TestInfrastructure.DATA_DIR, dataDir.toString());
        System.setProperty(TestInfrastructure.BOOTSTRAP_SERVERS, infra.bootstrapServers());
        System.setProperty(TestInfrastructure.POSTGRES_PORT, String.valueOf(infra.postgres().port()));
        System.setProperty(TestInfrastructure.POSTGRES_USERNAME, infra.postgres().username());
        System.setProperty(TestInfrastructure.POSTGRES_PASSWORD, infra.postgres().password());
        System.setProperty(TestInfrastructure.PUBLIC_KEY, infra.keys().publicKeyBase64());
        System.setProperty(TestInfrastructure.PRIVATE_KEY_PEM, infra.keys().privateKeyPem());
        // Last, so that whoever sees the flag also sees every fact.
        System.setProperty(TestInfrastructure.STARTED, "true");
    }

    /** Runs in a shutdown hook, when logging may already be gone: problems go to stderr. */
    private static void stop(LocalInfrastructure infra, Path dataDir) {
        try {
            infra.close();
        } catch (RuntimeException e) {
            System.err.println("Stopping the Switchboard test infrastructure failed: " + e);
        }
        try {
            Directories.deleteRecursively(dataDir);
        } catch (RuntimeException e) {
            System.err.println("Could not delete " + dataDir + ": " + e);
        }
    }
}
