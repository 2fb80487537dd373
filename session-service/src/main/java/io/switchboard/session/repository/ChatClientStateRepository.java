package io.switchboard.session.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.ChatClientState;

@ApplicationScoped
public class ChatClientStateRepository implements PanacheRepositoryBase<ChatClientState, UUID> {

    public Uni<ChatClientState> findOwned(String tenantId, String userId, UUID chatId) {
        return find("tenantId = ?1 and userId = ?2 and chatId = ?3", tenantId, userId, chatId).firstResult();
    }

    /** Stores the first version; false when there already is one (another device wrote first). */
    public Uni<Boolean> insertFirst(String tenantId, String userId, UUID chatId, String document, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO chat_client_state (id, tenant_id, user_id, chat_id, document, version, updated_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6) ON CONFLICT (tenant_id, user_id, chat_id) DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, chatId).setParameter(5, document).setParameter(6, at)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Replaces the document if it is still at {@code expected}; false when another write came first. */
    public Uni<Boolean> replace(String tenantId, String userId, UUID chatId, long expected, String document,
            Instant at) {
        return update("document = ?1, version = version + 1, updatedAt = ?2 "
                + "where tenantId = ?3 and userId = ?4 and chatId = ?5 and version = ?6",
                document, at, tenantId, userId, chatId, expected)
                .map(updated -> updated == 1);
    }
}
