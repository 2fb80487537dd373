package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /** A chat's unpublished events in the order they must go out. */
    public Uni<List<OutboxEvent>> pendingFor(UUID chatId) {
        return find("chatId = ?1 and publishedAt is null order by seq", chatId).list();
    }

    /** Chats with an event still unpublished since before {@code before}, oldest first, at most {@code limit}. */
    public Uni<List<UUID>> chatsPendingSince(Instant before, int limit) {
        return find("publishedAt is null and createdAt < ?1 order by createdAt", before)
                .page(0, limit)
                .list()
                .map(events -> events.stream().map(OutboxEvent::chatId).distinct().toList());
    }
}
