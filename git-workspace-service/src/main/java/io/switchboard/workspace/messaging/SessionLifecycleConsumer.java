package io.switchboard.workspace.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.workspace.service.WorkspaceLifecycle;

/**
 * Reads session.lifecycle. Records are handled one at a time in partition order, so the events of
 * one chat are applied in the order session-service published them.
 */
@ApplicationScoped
public class SessionLifecycleConsumer {

    private final ChatKeyGuard guard;
    private final WorkspaceLifecycle lifecycle;

    public SessionLifecycleConsumer(ChatKeyGuard guard, WorkspaceLifecycle lifecycle) {
        this.guard = guard;
        this.lifecycle = lifecycle;
    }

    @Incoming("session-lifecycle")
    public Uni<Void> consume(ConsumerRecord<String, Envelope> record) {
        if (!guard.admit(record)) {
            return Uni.createFrom().voidItem();
        }
        Envelope event = record.value();
        if (event.tenantId() == null || event.tenantId().isBlank()) {
            // Without a tenant nothing can be scoped or owned: refuse rather than guess.
            Log.errorf("Chat %s: %s without tenantId skipped (topic=%s partition=%d offset=%d)", event.chatId(),
                    event.type(), record.topic(), record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        Log.debugf("Chat %s: %s seq %d received", event.chatId(), event.type(), event.seq());
        if (event.payload() instanceof ChatCreated created) {
            return lifecycle.chatCreated(event, created);
        }
        if (event.payload() instanceof ChatForked forked) {
            return lifecycle.chatForked(event, forked);
        }
        if (event.payload() instanceof ChatDeleted deleted) {
            return lifecycle.chatDeleted(event, deleted);
        }
        // Renames, archiving and restoring leave the branch as it is.
        return Uni.createFrom().voidItem();
    }
}
