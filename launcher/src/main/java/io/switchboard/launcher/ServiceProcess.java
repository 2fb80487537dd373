package io.switchboard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its packaged Quarkus application in a child JVM. */
public final class ServiceProcess implements AutoCloseable {

    private final ServiceName name;
    private final String instance;
    private final Path projectRoot;
    private final int port;
    private final int managementPort;
    private final Map<String, String> config;
    private final Process process;
    private final Path log;

    private ServiceProcess(ServiceName name, String instance, Path projectRoot, int port, int managementPort,
            Map<String, String> config, Process process, Path log) {
        this.name = name;
        this.instance = instance;
        this.projectRoot = projectRoot;
        this.port = port;
        this.managementPort = managementPort;
        this.config = config;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(ServiceName name, Path projectRoot, int port, int managementPort,
            Map<String, String> config, Path logDir) throws IOException {
        return start(name, name.module(), projectRoot, port, managementPort, config,
                logDir.resolve(name.module() + ".log"), false);
    }

    /**
     * Starts one instance of a service. {@code instance} names it in messages; its output goes to {@code log},
     * after what is there already with {@code append}, so that a restarted instance's log still shows how the
     * previous one ended. Health, metrics and OpenAPI are served on {@code managementPort}, never on {@code port}.
     */
    static ServiceProcess start(ServiceName name, String instance, Path projectRoot, int port, int managementPort,
            Map<String, String> config, Path log, boolean append) throws IOException {
        Path app = projectRoot.resolve(name.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: build first with 'mvn -DskipTests install'");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + System.getProperty("switchboard.service-heap", "384m"));
        command.add("-XX:+UseSerialGC");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        Map<String, String> secrets = new HashMap<>();
        config.forEach((key, value) -> {
            if (isSecret(key)) {
                secrets.put(environmentName(key), value);
            } else {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-jar");
        command.add(app.toString());
        Files.createDirectories(log.getParent());
        if (append) {
            Files.writeString(log, "==== " + instance + " starting again on port " + port + " at " + Instant.now()
                    + " ====\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            Files.deleteIfExists(log);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        // Secrets go by environment, which only the process and its owner can read, not on the command line.
        builder.environment().putAll(secrets);
        Process process = builder
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServiceProcess(name, instance, projectRoot, port, managementPort, Map.copyOf(config), process, log);
    }

    private static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith("token") || lower.endsWith("password") || lower.endsWith("api-key")
                || lower.endsWith("secret");
    }

    /** The environment variable SmallRye Config reads for a property: non-alphanumerics as _, upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A new process of this instance: same ports, same configuration, same log. This one must have ended. */
    ServiceProcess startAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(instance + " is still running");
        }
        return start(name, instance, projectRoot, port, managementPort, config, log, true);
    }

    /** Waits until the service reports itself ready at /q/health/ready on its management port. */
    void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instance + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + instance, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + instance, e);
            }
        }
        throw new IllegalStateException(instance + " not ready within " + timeout + "; see " + log);
    }

    public ServiceName name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where its health, metrics and OpenAPI document are: {@code /q/...} under this URL. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path log() {
        return log;
    }

    /** The name this instance goes by in messages and its log: the module, or the module and a number. */
    public String instance() {
        return instance;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the process at once with SIGKILL, as a crash or {@code kill -9} would: no shutdown hook runs,
     * nothing is flushed or handed over. Returns when the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Asks the service to stop with SIGTERM, as Ctrl-C would, and waits until it has; forces it after a grace
     * period. Returns the exit code.
     */
    public int stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(30))) {
                process.destroyForcibly();
                awaitExit(Duration.ofSeconds(10));
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }
}
