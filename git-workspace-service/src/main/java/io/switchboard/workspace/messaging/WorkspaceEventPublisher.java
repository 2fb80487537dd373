package io.switchboard.workspace.messaging;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.kit.messaging.KeyedMessages;
import io.switchboard.workspace.repository.OutboxEvent;
import io.switchboard.workspace.service.OutboxService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes a chat's outbox to workspace.events, in seq order, keyed by chatId, one record at a
 * time: the next is sent only once the broker acknowledged the previous one, and an event counts
 * as published only then.
 */
@ApplicationScoped
public class WorkspaceEventPublisher {

    private final MutinyEmitter<Envelope> emitter;
    private final OutboxService outbox;

    public WorkspaceEventPublisher(@Channel("workspace-events") MutinyEmitter<Envelope> emitter, OutboxService outbox) {
        this.emitter = emitter;
        this.outbox = outbox;
    }

    /**
     * Publishes what the chat has pending. Never fails: what could not be sent stays in the outbox
     * for the relay, because the state change it announces is already committed.
     */
    public Uni<Void> publishPending(UUID chatId) {
        Executor caller = callerContext();
        return outbox.pendingFor(chatId)
                .chain(events -> publishInOrder(events, caller))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Chat %s: workspace events not published yet, the outbox relay will retry: %s", chatId,
                            failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> publishInOrder(List<OutboxEvent> events, Executor caller) {
        Uni<Void> sent = Uni.createFrom().voidItem();
        for (OutboxEvent event : events) {
            sent = sent.chain(() -> publish(event, caller));
        }
        return sent;
    }

    private Uni<Void> publish(OutboxEvent event, Executor caller) {
        Envelope envelope = event.envelope();
        return emitter.sendMessage(KeyedMessages.keyedByChat(envelope))
                // The ack arrives on a Kafka thread; the database session needs the caller's Vert.x context.
                .emitOn(caller)
                .chain(() -> outbox.markPublished(event.eventId()))
                .invoke(() -> Log.infof("Chat %s: published %s seq %d", envelope.chatId(), envelope.type(),
                        envelope.seq()));
    }

    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Workspace events must be published from a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
