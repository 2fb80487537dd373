package io.switchboard.bench;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.events.Topics;

/**
 * A plain consumer of every partition of chat.events, with default fetch settings, handing each record to
 * the {@link EventAudit} on its own thread. It starts at the current end, so it sees exactly the events
 * of this run's commands, and it is the only reader: its view is what any consumer of the topic gets.
 */
final class ChatEventsFeed implements AutoCloseable {

    private final TopicTail<String> tail;
    private volatile Throwable failure;

    private ChatEventsFeed(TopicTail<String> tail) {
        this.tail = tail;
    }

    static ChatEventsFeed start(String bootstrapServers, int partitions, EventAudit audit) {
        ChatEventsFeed feed = new ChatEventsFeed(
                new TopicTail<>(bootstrapServers, Topics.CHAT_EVENTS, partitions, new StringDeserializer()));
        feed.tail.start(feed::poller, batch -> {
            long consumedNanos = System.nanoTime();
            Instant consumedAt = Instant.now();
            for (ConsumerRecord<String, byte[]> record : batch) {
                audit.onRecord(record.key(), record.partition(), record.value(), consumedNanos, consumedAt);
            }
        });
        return feed;
    }

    /** Why the feed stopped reading early, if it did: every figure after that is incomplete. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        tail.stop();
    }

    private Thread poller(Runnable poll) {
        Thread thread = DaemonThreads.named("bench-chat-events-feed").newThread(poll);
        thread.setUncaughtExceptionHandler((ignored, e) -> {
            failure = e;
            System.err.println("[bench] reading chat.events failed: " + e);
        });
        return thread;
    }
}
