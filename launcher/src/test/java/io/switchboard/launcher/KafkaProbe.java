package io.switchboard.launcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import io.switchboard.events.Topics;

/** What the failure tests need to know from the broker: where a topic ends, and who owns which partition. */
final class KafkaProbe implements AutoCloseable {

    /** chat-service's consumer group on chat.commands: chat ownership follows its assignment. */
    static final String CHAT_SERVICE_GROUP = "chat-service";

    private final Admin admin;

    KafkaProbe(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The next offset of every partition of the topic: everything below was written before this call. */
    Map<Integer, Long> endOffsets(String topic) {
        Set<TopicPartition> partitions = get(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic)
                .partitions().stream().map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toSet());
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                        partition -> OffsetSpec.latest()))).all())
                .entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue().offset()));
    }

    /** A member of chat-service's group: one instance's consumer, and the chat.commands partitions it owns. */
    record Member(String memberId, String clientId, Set<Integer> partitions) {
    }

    /** chat-service's group when it is stable; empty while it is rebalancing. */
    Optional<List<Member>> stableChatServiceGroup() {
        ConsumerGroupDescription group = get(admin.describeConsumerGroups(Set.of(CHAT_SERVICE_GROUP)).all())
                .get(CHAT_SERVICE_GROUP);
        if (group.groupState() != GroupState.STABLE) {
            return Optional.empty();
        }
        return Optional.of(group.members().stream().map(member -> new Member(member.consumerId(), member.clientId(),
                member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(Topics.CHAT_COMMANDS))
                        .map(TopicPartition::partition)
                        .collect(Collectors.toSet()))).toList());
    }

    @Override
    public void close() {
        admin.close();
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed", e);
        }
    }
}
