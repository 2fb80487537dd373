package io.switchboard.chat.messaging;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.switchboard.chat.service.StreamRecovery;

/**
 * Ties chat ownership to chat.commands partitions. Both callbacks run on the consumer's polling thread and
 * block it on purpose: no command of a partition is handled before its chats are recovered, and the
 * partition goes to another instance only after this one recorded how its running turns ended.
 */
@ApplicationScoped
@Identifier("chat-commands-rebalance")
public class CommandsRebalanceListener implements KafkaConsumerRebalanceListener {

    private final StreamRecovery recovery;

    public CommandsRebalanceListener(StreamRecovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        recovery.takeOver(numbers(partitions));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        recovery.handOver(numbers(partitions), true);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        recovery.handOver(numbers(partitions), false);
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }
}
