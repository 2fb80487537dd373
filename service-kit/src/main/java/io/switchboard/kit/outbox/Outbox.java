package io.switchboard.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.PayloadSanitizer;
import io.switchboard.kit.persistence.UncachedPlan;

/**
 * Records an event in the caller's Hibernate Reactive transaction; {@link OutboxRelay} publishes it once that
 * transaction has committed. This is the only way a service with an outbox announces a state change: the row
 * and its event commit together or not at all, so there is no dual write.
 *
 * <p>The table's insert trigger notifies the relay at commit, so a caller neither waits for Kafka nor has to
 * tell anyone that it wrote an event.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class Outbox {

    /** Build property that turns the outbox on in a service. */
    public static final String ENABLED = "switchboard.outbox.enabled";

    /** Outgoing channel the relay sends to; each service maps it to its topic. */
    public static final String CHANNEL = "outbox";
    /**
     * The datasource of the relay, which reads and deletes every tenant's entries: a role of its own that may touch
     * the outbox only, while the service's requests run as a role that can append to it but not read it.
     */
    public static final String RELAY_DATASOURCE = "relay";

    // A select rather than an update statement: Hibernate treats a native update as a bulk operation and
    // warns about its cache clean-up on every commit, though no entity maps the outbox table. Run once per event,
    // so kept out of the query plan cache (UncachedPlan).
    private static final String INSERT = "WITH entry AS (INSERT INTO outbox (chat_id, seq, event_type, event_json) "
            + "VALUES (?1, ?2, ?3, ?4) RETURNING id) SELECT id FROM entry WHERE 1 IN (?5)";

    public Uni<Void> append(Envelope event) {
        // An entry the relay's reader would refuse could never be published: written clean.
        Envelope clean = PayloadSanitizer.sanitize(event);
        String json = EventJson.toJson(clean);
        return Panache.currentTransaction().chain(transaction -> {
            if (transaction == null) {
                // Outside a transaction the entry would commit on its own, whatever happens to the change it announces.
                return Uni.createFrom().failure(new IllegalStateException("chatId=" + clean.chatId() + " "
                        + clean.type() + " appended to the outbox outside a transaction"));
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(INSERT, Long.class)
                    .setParameter(1, clean.chatId())
                    .setParameter(2, clean.seq())
                    .setParameter(3, clean.type())
                    .setParameter(4, json)
                    .setParameter(5, UncachedPlan.MARKER)
                    .getSingleResult());
        }).replaceWithVoid();
    }
}
