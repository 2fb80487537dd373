package io.switchboard.session.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.Chat;
import io.switchboard.session.service.ChatFilter;
import io.switchboard.session.service.ChatListCursor;

@ApplicationScoped
public class ChatRepository implements PanacheRepositoryBase<Chat, UUID> {

    public Uni<Chat> findOwned(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /**
     * The caller's chat, locked until the transaction ends: two changes to one chat at once would otherwise take
     * the same lifecycle seq.
     */
    public Uni<Chat> lockOwned(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The caller's chat, kept from being deleted until the transaction ends; changes to it still go ahead. */
    public Uni<Chat> shareOwned(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_READ).firstResult();
    }

    /** Chats that count against the tenant's limit: a project's default chat comes with the project. */
    public Uni<Long> countForTenant(String tenantId) {
        return count("tenantId = ?1 and isDefault = false", tenantId);
    }

    public Uni<Chat> findByCreationKey(String tenantId, String creationKey) {
        return find("tenantId = ?1 and creationKey = ?2", tenantId, creationKey).firstResult();
    }

    /** One page of a project's chats, most recent activity first, after the cursor. */
    public Uni<List<Chat>> page(String tenantId, UUID projectId, ChatFilter filter, ChatListCursor after, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant and projectId = :project");
        Parameters parameters = Parameters.with("tenant", tenantId).and("project", projectId);
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.pinned() != null) {
            query.append(" and pinned = :pinned");
            parameters.and("pinned", filter.pinned());
        }
        if (after != null) {
            query.append(" and (lastActivityAt < :at or (lastActivityAt = :at and id < :id))");
            parameters.and("at", after.lastActivityAt()).and("id", after.chatId());
        }
        query.append(" order by lastActivityAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    public Uni<List<Chat>> findOwnedIn(String tenantId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new ArrayList<>());
        }
        return list("tenantId = ?1 and id in ?2", tenantId, ids);
    }

    /**
     * Counts a message stored from chat.events: activity, message count and open turns change in one statement,
     * so a concurrent edit of the chat's title neither waits for nor overwrites them.
     */
    public Uni<Integer> recordMessage(UUID chatId, Instant at, int openTurnsChange) {
        return update("messageCount = messageCount + 1, lastActivityAt = greatest(lastActivityAt, ?1), "
                + "openTurns = greatest(openTurns + ?2, 0) where id = ?3", at, openTurnsChange, chatId);
    }
}
