package io.switchboard.session.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.kit.outbox.Outbox;

/**
 * Records a session.lifecycle event in the caller's transaction, in service-kit's outbox, whose relay
 * publishes it right after commit. This is what keeps the database and session.lifecycle consistent without
 * a dual write; callers need nothing else (no nudge, no wait for Kafka).
 */
@ApplicationScoped
public class OutboxWriter {

    private final Outbox outbox;

    public OutboxWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(Envelope event) {
        return outbox.append(event);
    }
}
