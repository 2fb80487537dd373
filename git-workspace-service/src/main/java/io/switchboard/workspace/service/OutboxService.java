package io.switchboard.workspace.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.workspace.repository.OutboxEvent;
import io.switchboard.workspace.repository.OutboxRepository;

/** The events waiting to be published, and their publication record. */
@ApplicationScoped
public class OutboxService {

    private final OutboxRepository outbox;

    public OutboxService(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<OutboxEvent>> pendingFor(UUID chatId) {
        return outbox.pendingFor(chatId);
    }

    @WithTransaction
    public Uni<Void> markPublished(UUID eventId) {
        return outbox.findById(eventId)
                .invoke(event -> {
                    if (event != null) {
                        event.published();
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<UUID>> chatsPendingLongerThan(Duration age, int limit) {
        return outbox.chatsPendingSince(Instant.now().minus(age), limit);
    }
}
