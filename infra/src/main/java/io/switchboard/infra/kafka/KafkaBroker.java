package io.switchboard.infra.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import io.switchboard.infra.FreePorts;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running in a child JVM.
 *
 * <p>The child exits when this JVM exits, however it exits (see {@link BrokerProcessMain}). Data
 * lives under the work directory and survives a restart on the same directory.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final int DEFAULT_HEAP_MB = 512;

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    /** Logged by KafkaRaftServer once broker and controller serve requests. */
    private static final String STARTED_LINE = "Kafka Server started";

    private final Process process;
    private final int port;
    private final int controllerPort;
    private final BrokerFiles files;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(Process process, int port, int controllerPort, BrokerFiles files) {
        this.process = process;
        this.port = port;
        this.controllerPort = controllerPort;
        this.files = files;
    }

    /** Starts a broker with the default heap; a port of 0 means any free port. */
    public static KafkaBroker start(Path workDir, int port, int controllerPort) {
        return start(workDir, port, controllerPort, DEFAULT_HEAP_MB);
    }

    /**
     * Starts a broker and returns once it answers on its listener; a port of 0 means any free
     * port. The log directory is formatted only the first time, so data survives a restart.
     */
    public static KafkaBroker start(Path workDir, int port, int controllerPort, int heapMb) {
        long started = System.nanoTime();
        int brokerPort = FreePorts.orFree(port);
        int quorumPort = FreePorts.orFree(controllerPort);
        while (controllerPort == 0 && quorumPort == brokerPort) {
            quorumPort = FreePorts.pick();
        }
        if (brokerPort == quorumPort) {
            throw new IllegalArgumentException("Broker and controller need different ports, both are " + brokerPort);
        }
        BrokerFiles files = new BrokerFiles(workDir.toAbsolutePath());
        files.write(brokerPort, quorumPort);
        List<String> jvm = javaCommand(files, heapMb);

        if (!files.formatted()) {
            format(jvm, files);
        }
        LogWatcher startedLine = new LogWatcher(files.brokerLog(), STARTED_LINE);
        Process process = launch(jvm, files, List.of("kafka.Kafka", files.serverProperties().toString()), true);
        KafkaBroker broker = new KafkaBroker(process, brokerPort, quorumPort, files);
        try {
            broker.awaitReady(startedLine);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Kafka broker ready at {0} in {1} ms (pid {2}, logs in {3})",
                broker.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                String.valueOf(process.pid()), files.logDir());
        return broker;
    }

    /** The broker's log under a work directory {@link #start} was or will be given. */
    public static Path logFile(Path workDir) {
        return new BrokerFiles(workDir.toAbsolutePath()).brokerLog();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft controller's port: with {@link #port()}, what a restart on the same log directory needs. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The child JVM's process id, for diagnostics. */
    public long pid() {
        return process.pid();
    }

    /** Stops the broker: a polite shutdown first, then a forced one. Safe to call repeatedly. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Kafka broker did not stop within {0}, killing it", STOP_TIMEOUT);
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        closeQuietly(process);
    }

    private static List<String> javaCommand(BrokerFiles files, int heapMb) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + files.log4jConfig());
        command.add("-Dkafka.logs.dir=" + files.logDir());
        // An argument file keeps the command line short enough for ps and ProcessHandle.Info to show it whole.
        command.add("@" + files.writeClasspathArgFile(BrokerClasspath.prepare(files.bootstrapDir())));
        command.add(BrokerProcessMain.class.getName());
        return command;
    }

    private static void format(List<String> jvm, BrokerFiles files) {
        String clusterId = Uuid.randomUuid().toString();
        List<String> quickJvm = new ArrayList<>(jvm);
        // A short-lived tool: the C1 compiler alone starts up faster.
        quickJvm.add(1, "-XX:TieredStopAtLevel=1");
        Process format = launch(quickJvm, files, List.of("kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", files.serverProperties().toString()), false);
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka log directory took over " + FORMAT_TIMEOUT
                        + files.brokerLogTail(LOG_TAIL_LINES));
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed with exit code "
                        + format.exitValue() + files.brokerLogTail(LOG_TAIL_LINES));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka log directory", e);
        } finally {
            closeQuietly(format);
        }
    }

    /**
     * Starts the child. Its stdin stays an open pipe for the child's watchdog; stdout goes to a
     * file. Stderr (errors only, by our log4j config) is either copied to this JVM's stderr or,
     * for short-lived tools whose failure we report ourselves, written to the same file.
     */
    private static Process launch(List<String> jvm, BrokerFiles files, List<String> mainAndArgs, boolean errorsToParent) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(files.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.stdoutLog().toFile()))
                .redirectErrorStream(!errorsToParent);
        try {
            Process process = builder.start();
            if (errorsToParent) {
                copyStderr(process);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private static void copyStderr(Process process) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.err.println(line);
                }
            } catch (IOException e) {
                // The child is gone; nothing left to copy.
            }
        }, "kafka-broker-stderr-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Waits for the broker's "started" log line, then confirms with the admin client. Asking
     * earlier would find the port bound but not yet serving, and the admin client would log a
     * warning per attempt. Should a future Kafka word the line differently, the admin client is
     * asked anyway after a while.
     */
    private void awaitReady(LogWatcher startedLine) {
        long start = System.nanoTime();
        long deadline = start + READY_TIMEOUT.toNanos();
        long askAnyway = start + READY_TIMEOUT.toNanos() / 3;
        Exception lastFailure = null;
        try (Admin admin = KafkaClassLoading.create(() -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000)))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with code " + process.exitValue()
                            + " during start-up" + files.brokerLogTail(LOG_TAIL_LINES));
                }
                if (startedLine.seen() || (System.nanoTime() > askAnyway && listening())) {
                    try {
                        Collection<Node> nodes = admin.describeCluster().nodes().get(6, TimeUnit.SECONDS);
                        if (!nodes.isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        lastFailure = e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " not ready within "
                            + READY_TIMEOUT + (lastFailure == null ? "" : " (last error: " + lastFailure + ")")
                            + files.brokerLogTail(LOG_TAIL_LINES));
                }
                // Waiting on the process doubles as the pause between attempts.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed by the child's exit.
        }
    }
}
