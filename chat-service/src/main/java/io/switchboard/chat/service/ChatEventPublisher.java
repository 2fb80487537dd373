package io.switchboard.chat.service;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.kit.messaging.KeyedMessages;

/**
 * Hands chat.events records to Kafka, keyed by chatId. Callers number events under their chat's lock and
 * call {@link #send} under the same lock, so a chat's records enter the producer in seq order.
 */
@ApplicationScoped
public class ChatEventPublisher {

    private final MutinyEmitter<Envelope> events;

    // Every running turn waits for its own ack before its next event, so the buffer is bounded by the
    // number of chats streaming at once; a fixed bound would fail turns under a burst instead.
    public ChatEventPublisher(
            @Channel("chat-events") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<Envelope> events) {
        this.events = events;
    }

    /** Sends at once; the stage completes when Kafka acknowledged the record. */
    CompletionStage<Void> send(Envelope event) {
        return events.sendMessage(KeyedMessages.keyedByChat(event)).subscribeAsCompletionStage();
    }

    static Uni<Envelope> acknowledged(CompletionStage<Void> ack, Envelope event) {
        return Uni.createFrom().completionStage(ack).replaceWith(event);
    }
}
