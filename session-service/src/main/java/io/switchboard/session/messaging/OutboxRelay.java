package io.switchboard.session.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.MalformedEventException;
import io.switchboard.kit.messaging.KeyedMessages;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.OutboxEntry;
import io.switchboard.session.repository.OutboxRepository;

/**
 * Publishes committed outbox entries to session.lifecycle in commit order, deleting each only once
 * Kafka acknowledged it. A crash between the two re-publishes the entry: consumers de-duplicate by
 * (chatId, seq), which stays the same. Requests that write an event relay it right after their commit;
 * the schedule picks up whatever such a relay could not publish.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxRepository outbox;
    private final MutinyEmitter<Envelope> lifecycle;
    private final SessionConfig config;
    private final OutboxSignal signal;

    public OutboxRelay(OutboxRepository outbox, @Channel("session-lifecycle") MutinyEmitter<Envelope> lifecycle,
            SessionConfig config, OutboxSignal signal) {
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.config = config;
        this.signal = signal;
    }

    // Delayed: the emitter's channel connects while the application starts.
    @Scheduled(every = "${switchboard.session.outbox-check-interval:50ms}", delayed = "1s",
            skipExecutionIf = OutboxSignal.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> relay() {
        signal.ran();
        return outbox.lockOldest(config.outboxBatchSize()).chain(this::publishInOrder).replaceWithVoid();
    }

    private Uni<Integer> publishInOrder(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> {
                    Envelope event;
                    try {
                        event = EventJson.fromJson(entry.eventJson);
                    } catch (MalformedEventException e) {
                        // Written before entries were cleaned: it can never be published, and must not hold up
                        // every entry behind it. Logged whole, so nothing is lost.
                        Log.errorf("chatId=%s outbox entry %s can never be published (%s), dropped: %s",
                                entry.chatId, entry.id, e.reason(), entry.eventJson);
                        return outbox.delete(entry);
                    }
                    return lifecycle.sendMessage(KeyedMessages.keyedByChat(event))
                            .invoke(() -> Log.debugf("chatId=%s published %s seq=%d", event.chatId(), event.type(),
                                    event.seq()))
                            .chain(() -> outbox.delete(entry));
                })
                .collect().asList()
                .map(List::size);
    }
}
