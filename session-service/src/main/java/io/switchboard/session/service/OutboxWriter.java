package io.switchboard.session.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.PayloadSanitizer;
import io.switchboard.session.model.OutboxEntry;
import io.switchboard.session.repository.OutboxRepository;

/**
 * Records an event in the caller's transaction; {@code OutboxRelay} publishes it after commit. This is
 * what keeps the database and session.lifecycle consistent without a dual write.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository outbox;

    public OutboxWriter(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(Envelope event) {
        OutboxEntry entry = new OutboxEntry();
        entry.chatId = event.chatId();
        // An entry the relay's reader would refuse would stop the relay for every chat behind it: written clean.
        entry.eventJson = EventJson.toJson(PayloadSanitizer.sanitize(event));
        entry.createdAt = Instant.now();
        return outbox.persist(entry).replaceWithVoid();
    }
}
