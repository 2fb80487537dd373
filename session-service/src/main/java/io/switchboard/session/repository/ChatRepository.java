package io.switchboard.session.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.persistence.UncachedPlan;
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
     * Counts a message stored from chat.events: activity, message count, open turns and the lifecycle seq of the
     * ChatActivityChanged that announces them change in one statement, so a concurrent edit of the chat's title
     * neither waits for nor overwrites them. Null when the chat is gone. Run for every stored message, so kept out
     * of the query plan cache.
     */
    public Uni<ChatActivity> recordMessage(UUID chatId, Instant at, int openTurnsChange) {
        String sql = "UPDATE chat SET message_count = message_count + 1, "
                + "last_activity_at = GREATEST(last_activity_at, ?1), open_turns = GREATEST(open_turns + ?2, 0), "
                + "lifecycle_seq = lifecycle_seq + 1 WHERE id = ?3 AND 1 IN (?4) "
                + "RETURNING message_count, open_turns, last_activity_at, lifecycle_seq";
        return getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, at)
                .setParameter(2, openTurnsChange)
                .setParameter(3, chatId)
                .setParameter(4, UncachedPlan.MARKER)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : ChatActivity.of(rows.get(0)));
    }

    /** A chat's figures right after a message was counted. */
    public record ChatActivity(long messageCount, int openTurns, Instant lastActivityAt, long lifecycleSeq) {

        static ChatActivity of(Object[] row) {
            return new ChatActivity(((Number) row[0]).longValue(), ((Number) row[1]).intValue(), instant(row[2]),
                    ((Number) row[3]).longValue());
        }

        private static Instant instant(Object value) {
            if (value instanceof Instant instant) {
                return instant;
            }
            if (value instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            if (value instanceof LocalDateTime local) {
                return local.toInstant(ZoneOffset.UTC);
            }
            return ((Timestamp) value).toInstant();
        }
    }
}
