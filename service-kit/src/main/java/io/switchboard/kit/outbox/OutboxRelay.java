package io.switchboard.kit.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.kit.messaging.KeyedMessages;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox entries, keyed by chatId: one key's entries strictly one after another in the
 * order they were written, each only once Kafka acknowledged the one before; different keys side by side. An
 * entry is deleted only after its acknowledgement, in the same transaction that claimed it, so a crash in
 * between publishes it again (consumers drop the duplicate by chatId and seq) and loses nothing.
 *
 * <p>Several instances may relay one table at once: a pass claims rows with {@code FOR UPDATE SKIP LOCKED} and
 * leaves out any entry whose key has an older entry held by another pass. An entry that fails to publish
 * stays for a later pass and holds back only its own key's later entries; an entry that can never be
 * published (unreadable, refused by Kafka as such) is set aside in the table, logged and counted, and its
 * key's later entries go on.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxRelay {

    private static final int LOGGED_ENTRY_CHARS = 500;

    private final OutboxTable table;
    private final MutinyEmitter<Envelope> emitter;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(OutboxTable table, @Channel(Outbox.CHANNEL) MutinyEmitter<Envelope> emitter,
            OutboxConfig config, OutboxMetrics metrics) {
        this.table = table;
        this.emitter = emitter;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Asks for a pass. Never waits: a pass already running is followed by one more, however many asked
     * meanwhile, so an entry committed during a pass is not left for the sweep.
     */
    public void nudge() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            runPass();
        }
    }

    private void runPass() {
        again.set(false);
        Uni.createFrom().deferred(this::pass).subscribe().with(fullBatch -> passEnded(fullBatch), failure -> {
            // The database is unreachable or shutting down: nothing was deleted, the sweep tries again.
            Log.warnf("Outbox relay pass failed, its entries stay for the next one: %s",
                    Unpublishable.describe(failure));
            passEnded(false);
        });
    }

    private void passEnded(boolean fullBatch) {
        running.set(false);
        if ((fullBatch || again.get()) && running.compareAndSet(false, true)) {
            runPass();
        }
    }

    /** One pass; true when it claimed a whole batch and got somewhere, so more is waiting and worth a pass. */
    private Uni<Boolean> pass() {
        return table.inTransaction(connection -> table.claim(connection, config.batchSize())
                .chain(entries -> publishAll(entries)
                        .call(outcomes -> record(connection, outcomes))
                        .map(outcomes -> entries.size() >= config.batchSize() && madeProgress(outcomes))));
    }

    // A full batch that only failed (Kafka refusing everything right away) must not turn into a busy loop.
    private static boolean madeProgress(List<PublishOutcome> outcomes) {
        return outcomes.stream().anyMatch(outcome -> outcome.kind() != PublishOutcome.Kind.FAILED);
    }

    private Uni<List<PublishOutcome>> publishAll(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, List<OutboxEntry>> byKey = new LinkedHashMap<>();
        for (OutboxEntry entry : entries) {
            byKey.computeIfAbsent(entry.chatId(), key -> new ArrayList<>()).add(entry);
        }
        return Multi.createFrom().iterable(byKey.values())
                .onItem().transformToUni(this::publishKey).merge(config.parallelKeys())
                .collect().in(ArrayList<PublishOutcome>::new, List::addAll)
                .map(List::copyOf);
    }

    /** One key's entries in order; after a failure the rest wait, so the key's order survives the retry. */
    private Uni<List<PublishOutcome>> publishKey(List<OutboxEntry> entries) {
        List<PublishOutcome> outcomes = new ArrayList<>();
        Uni<Boolean> goOn = Uni.createFrom().item(true);
        for (OutboxEntry entry : entries) {
            goOn = goOn.chain(previousWent -> {
                if (!previousWent) {
                    return Uni.createFrom().item(false);
                }
                return publish(entry).map(outcome -> {
                    outcomes.add(outcome);
                    metrics.record(outcome);
                    return outcome.kind() != PublishOutcome.Kind.FAILED;
                });
            });
        }
        return goOn.replaceWith(outcomes);
    }

    private Uni<PublishOutcome> publish(OutboxEntry entry) {
        Envelope event;
        try {
            event = EventJson.fromJson(entry.eventJson());
        } catch (RuntimeException e) {
            return Uni.createFrom().item(setAside(entry, e));
        }
        // Deferred: before its channel is connected the emitter throws instead of failing the Uni.
        return Uni.createFrom().deferred(() -> emitter.sendMessage(KeyedMessages.keyedByChat(event)))
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(ignored -> {
                    Log.debugf("chatId=%s published %s seq=%d", event.chatId(), event.type(), event.seq());
                    return PublishOutcome.published(entry);
                })
                .onFailure().recoverWithItem(failure -> Unpublishable.isEntrysOwnFault(failure)
                        ? setAside(entry, failure)
                        : failed(entry, event, failure));
    }

    private static PublishOutcome setAside(OutboxEntry entry, Throwable failure) {
        String error = Unpublishable.describe(failure);
        // The row keeps the entry whole; the log line shows its start, enough to recognise it.
        String start = entry.eventJson().length() <= LOGGED_ENTRY_CHARS ? entry.eventJson()
                : entry.eventJson().substring(0, LOGGED_ENTRY_CHARS) + "...";
        Log.errorf("chatId=%s outbox entry %d (%s seq=%s) can never be published and is set aside in the outbox "
                + "table; the chat's later events go on without it. %s. Entry: %s", entry.chatId(), entry.id(),
                entry.type(), entry.seq(), error, start);
        return PublishOutcome.setAside(entry, error);
    }

    private static PublishOutcome failed(OutboxEntry entry, Envelope event, Throwable failure) {
        String error = Unpublishable.describe(failure);
        Log.warnf("chatId=%s %s seq=%d not acknowledged by Kafka, kept for the next pass: %s", event.chatId(),
                event.type(), event.seq(), error);
        return PublishOutcome.failed(entry, error);
    }

    private Uni<Void> record(SqlConnection connection, List<PublishOutcome> outcomes) {
        List<Long> published = new ArrayList<>();
        List<Tuple> failed = new ArrayList<>();
        List<Tuple> setAside = new ArrayList<>();
        for (PublishOutcome outcome : outcomes) {
            switch (outcome.kind()) {
                case PUBLISHED -> published.add(outcome.entry().id());
                case FAILED -> failed.add(Tuple.of(outcome.entry().id(), outcome.error()));
                case SET_ASIDE -> setAside.add(Tuple.of(outcome.entry().id(), outcome.error()));
            }
        }
        return table.delete(connection, published)
                .chain(() -> table.failed(connection, failed))
                .chain(() -> table.setAside(connection, setAside));
    }
}
