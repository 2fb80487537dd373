package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.utils.Utils;

/**
 * Which partition a chat's records land on. Every chat-scoped topic has the same partition count and is
 * keyed by chatId, so Kafka's key hash (murmur2 of the UTF-8 key, as the default partitioner computes it)
 * puts a chat on the same partition number everywhere; that lets the benchmark choose chats that share a
 * partition with a stalled one.
 */
final class ChatPartitions {

    /** Far more than ever needed: a random id hits a given partition of 12 once in 12 tries on average. */
    private static final int MAX_TRIES = 1_000_000;

    private final int partitions;

    ChatPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.partitions = partitions;
    }

    int count() {
        return partitions;
    }

    int of(String chatId) {
        return Utils.toPositive(Utils.murmur2(chatId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A new random chatId whose records land on {@code partition}. */
    String newChatIdOn(int partition) {
        return newChatId(candidate -> candidate == partition, "on partition " + partition);
    }

    /**
     * A new random chatId whose records land on {@code partition} when keyed by {@code asKey} of it: the
     * poison benchmark's upper-case keys hash elsewhere than the chatId itself.
     */
    String newChatIdOn(int partition, UnaryOperator<String> asKey) {
        for (int i = 0; i < MAX_TRIES; i++) {
            String chatId = UUID.randomUUID().toString();
            if (of(asKey.apply(chatId)) == partition) {
                return chatId;
            }
        }
        throw new IllegalStateException("No chatId found whose key lands on partition " + partition + " of "
                + partitions);
    }

    /** A new random chatId whose records land on any partition but {@code partition}. */
    String newChatIdNotOn(int partition) {
        if (partitions == 1) {
            throw new IllegalStateException("With one partition every chat shares it");
        }
        return newChatId(candidate -> candidate != partition, "off partition " + partition);
    }

    private String newChatId(IntPredicate wanted, String description) {
        for (int i = 0; i < MAX_TRIES; i++) {
            String chatId = UUID.randomUUID().toString();
            if (wanted.test(of(chatId))) {
                return chatId;
            }
        }
        throw new IllegalStateException("No chatId found " + description + " of " + partitions);
    }
}
