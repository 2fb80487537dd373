package io.switchboard.infra.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics explicitly, since the broker does not auto-create them. */
public final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final short REPLICATION_FACTOR = 1;

    private KafkaTopics() {
    }

    /**
     * Creates the missing topics with {@code partitions} partitions and returns once all of them
     * are visible. Fails if an existing topic has a different partition count: chat-scoped
     * topics must agree on it, and a topic's partitions cannot be changed without re-keying.
     */
    public static void ensure(String bootstrapServers, Collection<String> topics, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        try (Admin admin = KafkaClassLoading.create(() -> Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .distinct()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, REPLICATION_FACTOR))
                    .toList();
            create(admin, missing);
            checkPartitions(describe(admin, topics), partitions);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not ensure topics " + topics + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while ensuring topics " + topics, e);
        }
    }

    private static void create(Admin admin, List<NewTopic> missing) throws InterruptedException, TimeoutException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Someone else created one at the same time; its partition count is checked next.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Describes the topics, waiting out the moment in which a new topic is not yet visible. */
    private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics)
            throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static void checkPartitions(Map<String, TopicDescription> descriptions, int partitions) {
        Map<String, Integer> wrong = new TreeMap<>();
        descriptions.forEach((topic, description) -> {
            if (description.partitions().size() != partitions) {
                wrong.put(topic, description.partitions().size());
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Topics exist with a partition count other than the expected " + partitions
                    + ": " + wrong + ". Chat-scoped topics must all have the same count; delete the topics"
                    + " (or the Kafka data directory) or configure the matching partition count.");
        }
    }
}
