package io.switchboard.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The directory layout of one broker and the configuration files we write into it. */
record BrokerFiles(Path workDir) {

    Path dataDir() {
        return workDir.resolve("data");
    }

    Path logDir() {
        return workDir.resolve("logs");
    }

    Path brokerLog() {
        return logDir().resolve("broker.log");
    }

    /** What the child prints to stdout outside log4j, e.g. the storage tool's report. */
    Path stdoutLog() {
        return logDir().resolve("broker-stdout.log");
    }

    Path bootstrapDir() {
        return workDir.resolve("bootstrap");
    }

    Path serverProperties() {
        return workDir.resolve("config").resolve("server.properties");
    }

    Path log4jConfig() {
        return workDir.resolve("config").resolve("log4j2.properties");
    }

    Path classpathArgFile() {
        return workDir.resolve("config").resolve("classpath.argfile");
    }

    /** Writes {@code -cp <classpath>} as a java launcher argument file and returns its path. */
    Path writeClasspathArgFile(String classpath) {
        String quoted = "\"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        try {
            Files.createDirectories(classpathArgFile().getParent());
            Files.writeString(classpathArgFile(), "-cp " + quoted + "\n", StandardCharsets.UTF_8);
            return classpathArgFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + classpathArgFile(), e);
        }
    }

    /** Present once the storage tool has formatted the log directory. */
    boolean formatted() {
        return Files.exists(dataDir().resolve("meta.properties"));
    }

    void write(int port, int controllerPort) {
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(logDir());
            Files.createDirectories(serverProperties().getParent());
            Files.writeString(serverProperties(), serverProperties(port, controllerPort), StandardCharsets.UTF_8);
            Files.writeString(log4jConfig(), log4jConfig(brokerLog()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker configuration under " + workDir, e);
        }
    }

    private String serverProperties(int port, int controllerPort) {
        return String.join("\n",
                "# Written by io.switchboard.infra.kafka.KafkaBroker at every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dataDir().toAbsolutePath(),
                // Topics are created explicitly with the partition count the services rely on.
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // A single consumer should not wait 3 s for others that will never join.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static String log4jConfig(Path logFile) {
        return String.join("\n",
                "# Broker logs go to a file; only errors reach the parent, through our stderr.",
                "status = warn",
                "appender.file.type = RollingFile",
                "appender.file.name = FILE",
                "appender.file.fileName = " + logFile.toAbsolutePath(),
                "appender.file.filePattern = " + logFile.toAbsolutePath() + ".%i",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "appender.file.policies.type = Policies",
                "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
                "appender.file.policies.size.size = 20MB",
                "appender.file.strategy.type = DefaultRolloverStrategy",
                "appender.file.strategy.max = 3",
                "appender.stderr.type = Console",
                "appender.stderr.name = STDERR",
                "appender.stderr.target = SYSTEM_ERR",
                "appender.stderr.layout.type = PatternLayout",
                "appender.stderr.layout.pattern = [kafka-broker] %p %m (%c)%n",
                "appender.stderr.filter.threshold.type = ThresholdFilter",
                "appender.stderr.filter.threshold.level = error",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = FILE",
                "rootLogger.appenderRef.stderr.ref = STDERR",
                "");
    }

    /** The last lines of the broker log, for error messages. */
    String brokerLogTail(int lines) {
        return tail(brokerLog(), lines) + tail(stdoutLog(), lines);
    }

    private static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "\n--- last lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "\n(could not read " + file + ": " + e + ")";
        }
    }
}
