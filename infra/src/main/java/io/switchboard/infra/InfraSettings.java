package io.switchboard.infra;

import java.nio.file.Path;
import java.util.Objects;

import io.switchboard.infra.kafka.KafkaBroker;

/**
 * What {@link LocalInfrastructure} starts. A port of 0 means any free port.
 *
 * @param dataDir             root of all state: {@code kafka/}, {@code postgres/}, {@code keys/}
 * @param kafkaPort           the broker's PLAINTEXT listener
 * @param kafkaControllerPort the KRaft controller listener
 * @param postgresPort        PostgreSQL
 * @param partitions          partition count of every chat-scoped topic
 * @param keepData            keep Kafka and PostgreSQL data across restarts (local runs); false
 *                            wipes it at start and close (tests)
 * @param brokerHeapMb        maximum heap of the broker JVM
 */
public record InfraSettings(Path dataDir, int kafkaPort, int kafkaControllerPort, int postgresPort, int partitions,
        boolean keepData, int brokerHeapMb) {

    public static final int DEFAULT_PARTITIONS = 12;

    public InfraSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        requirePort(kafkaPort, "kafkaPort");
        requirePort(kafkaControllerPort, "kafkaControllerPort");
        requirePort(postgresPort, "postgresPort");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (brokerHeapMb < 128) {
            throw new IllegalArgumentException("brokerHeapMb must be at least 128, was " + brokerHeapMb);
        }
    }

    /** Free ports, {@value #DEFAULT_PARTITIONS} partitions, data kept, default broker heap. */
    public static InfraSettings defaults(Path dataDir) {
        return new InfraSettings(dataDir, 0, 0, 0, DEFAULT_PARTITIONS, true, KafkaBroker.DEFAULT_HEAP_MB);
    }

    public InfraSettings withPorts(int kafkaPort, int kafkaControllerPort, int postgresPort) {
        return new InfraSettings(dataDir, kafkaPort, kafkaControllerPort, postgresPort, partitions, keepData, brokerHeapMb);
    }

    public InfraSettings withPartitions(int partitions) {
        return new InfraSettings(dataDir, kafkaPort, kafkaControllerPort, postgresPort, partitions, keepData, brokerHeapMb);
    }

    public InfraSettings withKeepData(boolean keepData) {
        return new InfraSettings(dataDir, kafkaPort, kafkaControllerPort, postgresPort, partitions, keepData, brokerHeapMb);
    }

    public InfraSettings withBrokerHeapMb(int brokerHeapMb) {
        return new InfraSettings(dataDir, kafkaPort, kafkaControllerPort, postgresPort, partitions, keepData, brokerHeapMb);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or a TCP port, was " + port);
        }
    }
}
