package io.switchboard.session.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.ChatRead;

/** How far each user has read each chat, and what that leaves unread. */
@ApplicationScoped
public class ChatReadRepository implements PanacheRepositoryBase<ChatRead, ChatRead.Key> {

    /** The user's read position in the chat; null before the first. */
    public Uni<ChatRead> position(UUID chatId, String userId) {
        return find("chatId = ?1 and userId = ?2", chatId, userId).firstResult();
    }

    /**
     * Moves the user's read position forward to {@code seq}, {@code readCount} being how many of the chat's
     * messages have a seq up to it; never back, so two devices marking at once end at the further of the two. An
     * upsert: two first marks at once must not collide on the key.
     */
    public Uni<Integer> markRead(String tenantId, UUID chatId, String userId, long seq, long readCount) {
        String sql = "INSERT INTO chat_read (tenant_id, chat_id, user_id, last_read_seq, read_count) "
                + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (chat_id, user_id) DO UPDATE "
                + "SET read_count = CASE WHEN EXCLUDED.last_read_seq > chat_read.last_read_seq "
                + "THEN EXCLUDED.read_count ELSE chat_read.read_count END, "
                + "last_read_seq = GREATEST(chat_read.last_read_seq, EXCLUDED.last_read_seq)";
        return getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, tenantId)
                .setParameter(2, chatId)
                .setParameter(3, userId)
                .setParameter(4, seq)
                .setParameter(5, readCount)
                .executeUpdate());
    }

    /**
     * For each chat, how many of its messages come after the user's read position (all of them without one).
     * Messages only ever arrive with a higher seq than any before, so that is the chat's message count less the
     * count the position covered when it was set: no message is counted on the way, however long the chat.
     */
    public Uni<Map<UUID, Long>> unread(String userId, List<UUID> chatIds) {
        if (chatIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String hql = "select c.id, c.messageCount - coalesce((select r.readCount from ChatRead r "
                + "where r.chatId = c.id and r.userId = :user), 0) from Chat c where c.id in :ids";
        return getSession().chain(session -> session.createSelectionQuery(hql, Object[].class)
                .setParameter("user", userId)
                .setParameter("ids", chatIds)
                .getResultList())
                .map(rows -> {
                    Map<UUID, Long> unread = new HashMap<>();
                    for (Object[] row : rows) {
                        unread.put((UUID) row[0], Math.max(0, ((Number) row[1]).longValue()));
                    }
                    return unread;
                });
    }
}
