package io.switchboard.gateway.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.switchboard.infra.Directories;
import io.switchboard.infra.FreePorts;

/**
 * A real Keycloak in a child process: the distribution Maven unpacked into target ({@code keycloak.home}),
 * started in dev mode on a free port with the realms of {@code src/test/resources/keycloak} imported into a
 * fresh database. The first start also builds Keycloak's own Quarkus application, which takes a while.
 */
final class KeycloakServer implements AutoCloseable {

    static final String HOME_PROPERTY = "keycloak.home";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread stopAtExit;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopAtExit = new Thread(this::stopProcess, "keycloak-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts Keycloak with the given realm files (class path resources) and waits until every realm answers. */
    static KeycloakServer start(List<String> realmResources, List<String> realms) {
        String homeSetting = System.getProperty(HOME_PROPERTY);
        if (homeSetting == null || !Files.isRegularFile(Path.of(homeSetting, "bin", "kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + HOME_PROPERTY + "=" + homeSetting
                    + "; run the test through failsafe (mvn verify), which unpacks it");
        }
        Path home = Path.of(homeSetting).toAbsolutePath();
        Path data = home.resolve("data");
        Directories.deleteRecursively(data);
        copyRealms(realmResources, data.resolve("import"));
        int port = FreePorts.pick();
        Path log = home.getParent().resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + FreePorts.pick(), "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        KeycloakServer server;
        try {
            server = new KeycloakServer(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
        try {
            realms.forEach(realm -> server.awaitRealm(realm));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The realm's URL, which is also the issuer of its tokens. */
    String realmUrl(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    String tokenEndpoint(String realm) {
        return realmUrl(realm) + "/protocol/openid-connect/token";
    }

    private void awaitRealm(String realm) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl(realm) + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            try {
                process.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak realm " + realm + " not ready within " + START_TIMEOUT + "; see " + log);
    }

    private static void copyRealms(List<String> resources, Path importDir) {
        try {
            Files.createDirectories(importDir);
            for (String resource : resources) {
                try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(resource)) {
                    if (realm == null) {
                        throw new IllegalStateException("Missing test resource " + resource);
                    }
                    Files.copy(realm, importDir.resolve(Path.of(resource).getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the realms in " + importDir, e);
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    /** kc.sh replaces itself with the JVM, but any child is stopped too, first politely, then not. */
    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
