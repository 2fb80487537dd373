package io.switchboard.chat.service;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.kit.messaging.KeyedMessages;

/**
 * The one producer of every chat's chat.events stream. It numbers each chat's events with a gapless
 * seq and hands them to Kafka in that order: seq assignment and send happen under the chat's own
 * lock, so a concurrent event of the same chat can never overtake it, while other chats never wait.
 */
@ApplicationScoped
public class ChatEventPublisher {

    private final MutinyEmitter<Envelope> events;
    private final ChatStreamRepository streams;
    private final ConcurrentMap<String, Uni<SeqCounter>> counters = new ConcurrentHashMap<>();

    // Every running turn waits for its own ack before its next event, so the buffer is bounded by the
    // number of chats streaming at once; a fixed bound would fail turns under a burst instead.
    public ChatEventPublisher(
            @Channel("chat-events") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<Envelope> events,
            ChatStreamRepository streams) {
        this.events = events;
        this.streams = streams;
    }

    /** Publishes the event and completes once Kafka acknowledged it. */
    public Uni<Envelope> publish(String chatId, String tenantId, UUID turnId, EventPayload payload) {
        return counter(chatId, tenantId).chain(counter -> {
            Envelope event;
            CompletionStage<Void> ack;
            synchronized (counter) {
                event = Envelope.of(chatId, tenantId, counter.next(), turnId, payload);
                ack = events.sendMessage(KeyedMessages.keyedByChat(event)).subscribeAsCompletionStage();
            }
            return Uni.createFrom().completionStage(ack).replaceWith(event);
        });
    }

    /** Stores the chat's current seq, so numbering continues from there after a restart. */
    public Uni<Void> checkpoint(String chatId) {
        Uni<SeqCounter> counter = counters.get(chatId);
        if (counter == null) {
            return Uni.createFrom().voidItem();
        }
        return counter.chain(c -> streams.saveLastSeq(chatId, c.current()));
    }

    private Uni<SeqCounter> counter(String chatId, String tenantId) {
        return counters.computeIfAbsent(chatId, id -> streams.lastSeq(id, tenantId)
                .map(SeqCounter::new)
                .onFailure().invoke(failure -> counters.remove(id))
                .memoize().indefinitely());
    }

    /** A chat's seq; guarded by its own monitor in {@link #publish}. */
    static final class SeqCounter {

        private long last;

        SeqCounter(long last) {
            this.last = last;
        }

        long next() {
            return ++last;
        }

        synchronized long current() {
            return last;
        }
    }
}
