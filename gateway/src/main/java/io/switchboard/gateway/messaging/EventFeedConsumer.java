package io.switchboard.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.events.Envelope;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.service.ChatDirectory;

/**
 * Feeds the three event topics into the fan-out. Every gateway instance reads every record (its own
 * consumer group), because any instance may hold a subscriber of any chat.
 */
@ApplicationScoped
public class EventFeedConsumer {

    private final ChatKeyGuard guard;
    private final ChatFanout fanout;
    private final ChatDirectory directory;

    public EventFeedConsumer(ChatKeyGuard guard, ChatFanout fanout, ChatDirectory directory) {
        this.guard = guard;
        this.fanout = fanout;
        this.directory = directory;
    }

    @Incoming("chat-events")
    public void chatEvents(ConsumerRecord<String, Envelope> record) {
        if (guard.admit(record)) {
            fanout.publish(EventStream.CHAT, record.value());
        }
    }

    @Incoming("workspace-events")
    public void workspaceEvents(ConsumerRecord<String, Envelope> record) {
        if (guard.admit(record)) {
            fanout.publish(EventStream.WORKSPACE, record.value());
        }
    }

    @Incoming("session-lifecycle")
    public void lifecycleEvents(ConsumerRecord<String, Envelope> record) {
        if (guard.admit(record)) {
            directory.apply(record.value());
            fanout.publish(EventStream.LIFECYCLE, record.value());
        }
    }
}
