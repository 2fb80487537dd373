package io.switchboard.gateway.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.events.Envelope;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.inbox.AttentionNotifier;
import io.switchboard.gateway.service.ChatDirectory;

/**
 * Feeds the three event topics into the fan-out. Every gateway instance reads every record (its own
 * consumer group), because any instance may hold a subscriber of any chat. Records arrive a poll at a
 * time: handing them over one by one queued them for up to a second under load (see docs/benchmarks.md).
 */
@ApplicationScoped
public class EventFeedConsumer {

    private final ChatKeyGuard guard;
    private final ChatFanout fanout;
    private final ChatDirectory directory;
    private final AttentionNotifier attention;
    private final Map<EventStream, Timer> consumeLag = new EnumMap<>(EventStream.class);

    public EventFeedConsumer(ChatKeyGuard guard, ChatFanout fanout, ChatDirectory directory,
            AttentionNotifier attention, MeterRegistry registry) {
        this.guard = guard;
        this.fanout = fanout;
        this.directory = directory;
        this.attention = attention;
        for (EventStream stream : EventStream.values()) {
            consumeLag.put(stream, Timer.builder("switchboard.gateway.consume.lag")
                    .description("From the producer creating an event to this gateway consuming it")
                    .tag("stream", stream.wireName())
                    .publishPercentiles(0.5, 0.99)
                    .register(registry));
        }
    }

    @Incoming("chat-events")
    public void chatEvents(ConsumerRecords<String, Envelope> records) {
        deliver(EventStream.CHAT, records);
    }

    @Incoming("workspace-events")
    public void workspaceEvents(ConsumerRecords<String, Envelope> records) {
        deliver(EventStream.WORKSPACE, records);
    }

    @Incoming("session-lifecycle")
    public void lifecycleEvents(ConsumerRecords<String, Envelope> records) {
        deliver(EventStream.LIFECYCLE, records);
    }

    /**
     * Hands each admitted record to the fan-out, which only queues frames on the subscribers' outbound
     * buffers: this thread never waits for a client. The inbox hears of each chat event once, even when a
     * rebalance makes the consumer read a record again.
     */
    public void deliver(EventStream stream, ConsumerRecords<String, Envelope> records) {
        for (ConsumerRecord<String, Envelope> record : records) {
            if (!guard.admit(record)) {
                continue;
            }
            long consumedAt = System.nanoTime();
            Envelope event = record.value();
            consumeLag.get(stream).record(Duration.between(event.at(), Instant.now()));
            if (stream == EventStream.LIFECYCLE) {
                directory.apply(event);
            }
            boolean fresh = fanout.publish(stream, event, consumedAt);
            if (fresh && stream == EventStream.CHAT) {
                attention.onChatEvent(event);
            }
        }
    }
}
