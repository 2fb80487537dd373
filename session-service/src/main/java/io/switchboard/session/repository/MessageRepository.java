package io.switchboard.session.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.Message;
import io.switchboard.session.model.MessageRole;
import io.switchboard.session.service.HistoryCursor;
import io.switchboard.session.service.HistorySize;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** A page of the history in its listed order, after the cursor (and only messages after {@code afterSeq}). */
    public Uni<List<Message>> history(String tenantId, UUID chatId, HistoryCursor after, long afterSeq, int limit) {
        // A row comparison, so that PostgreSQL starts the index range at the cursor instead of filtering the
        // chat's messages from its first one.
        return find("tenantId = ?1 and chatId = ?2 and (turnSeq, seq) > (?3, ?4) and seq > ?5 "
                + "order by turnSeq, seq", tenantId, chatId, after.turnSeq(), after.seq(), afterSeq)
                .page(0, limit)
                .list();
    }

    /**
     * A page of the history before the cursor, in conversation order: the newest {@code limit} messages before
     * it, read newest first and turned round.
     */
    public Uni<List<Message>> historyBefore(String tenantId, UUID chatId, HistoryCursor before, long afterSeq,
            int limit) {
        return find("tenantId = ?1 and chatId = ?2 and (turnSeq, seq) < (?3, ?4) and seq > ?5 "
                + "order by turnSeq desc, seq desc", tenantId, chatId, before.turnSeq(), before.seq(), afterSeq)
                .page(0, limit)
                .list()
                .map(newestFirst -> {
                    List<Message> page = new ArrayList<>(newestFirst);
                    Collections.reverse(page);
                    return page;
                });
    }

    /** Counted in the database, so that a chat too large to read whole is known before it is read. */
    public Uni<HistorySize> size(String tenantId, UUID chatId) {
        return getSession().chain(session -> session.createSelectionQuery("select count(m), "
                        + "coalesce(sum(octet_length(m.content) + coalesce(octet_length(m.error), 0)), 0) "
                        + "from Message m where m.tenantId = :tenant and m.chatId = :chat", Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("chat", chatId)
                .getSingleResult())
                .map(row -> new HistorySize(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }

    public Uni<Message> findInChat(String tenantId, UUID chatId, UUID messageId) {
        return find("tenantId = ?1 and chatId = ?2 and id = ?3", tenantId, chatId, messageId).firstResult();
    }

    /** The highest seq among the chat's messages, or null for a chat without any. */
    public Uni<Long> lastSeq(UUID chatId) {
        return find("select max(seq) from Message where chatId = ?1", chatId).project(Long.class).firstResult();
    }

    /** How many of the chat's messages have a seq up to {@code seq}: an index-only count. */
    public Uni<Long> countUpTo(UUID chatId, long seq) {
        return count("chatId = ?1 and seq <= ?2", chatId, seq);
    }

    public Uni<Long> deleteForChat(UUID chatId) {
        return delete("chatId", chatId);
    }

    /**
     * Copies the source chat's history (up to and including the turn placed at {@code throughTurnSeq}, or all of
     * it when that is null) into the target chat under new ids. The copy is renumbered to end at seq 0: the
     * target's own chat.events stream starts at seq 1, so everything it writes is listed after the copy.
     */
    /** The chat's last message in conversation order; null for a chat without messages. */
    public Uni<Message> last(UUID chatId) {
        return find("chatId = ?1 order by turnSeq desc, seq desc", chatId).firstResult();
    }

    public Uni<Integer> copyHistory(String tenantId, UUID sourceChatId, UUID targetChatId, Long throughTurnSeq) {
        String sql = "INSERT INTO message (id, tenant_id, chat_id, turn_id, role, status, content, model, error, "
                + "input_tokens, output_tokens, tool_calls, seq, turn_seq, created_at) "
                + "SELECT gen_random_uuid(), tenant_id, ?1, turn_id, role, status, content, model, error, "
                + "input_tokens, output_tokens, tool_calls, seq - last, turn_seq - last, created_at FROM ("
                + "SELECT m.*, max(GREATEST(m.seq, m.turn_seq)) OVER () AS last FROM message m "
                + "WHERE m.tenant_id = ?2 AND m.chat_id = ?3 AND m.turn_seq <= ?4) source";
        long through = throughTurnSeq == null ? Long.MAX_VALUE : throughTurnSeq;
        return getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, targetChatId)
                .setParameter(2, tenantId)
                .setParameter(3, sourceChatId)
                .setParameter(4, through)
                .executeUpdate());
    }

    /** Where the turn's question is placed in the history, if it has been stored. */
    public Uni<Long> questionSeq(UUID chatId, UUID turnId) {
        return find("chatId = ?1 and turnId = ?2 and role = ?3", chatId, turnId, MessageRole.USER).firstResult()
                .map(question -> question == null ? null : question.turnSeq);
    }

    /** Replaces the question of a turn that was edited while queued; redelivery changes nothing more. */
    public Uni<Integer> updateQuestion(String tenantId, UUID chatId, UUID turnId, String text) {
        return update("content = ?1 where tenantId = ?2 and chatId = ?3 and turnId = ?4 and role = ?5", text,
                tenantId, chatId, turnId, MessageRole.USER);
    }

    /** Orders the turn's messages by the seq at which the turn started. */
    public Uni<Integer> placeTurn(String tenantId, UUID chatId, UUID turnId, long startedSeq) {
        return update("turnSeq = ?1 where tenantId = ?2 and chatId = ?3 and turnId = ?4", startedSeq, tenantId,
                chatId, turnId);
    }

    public Uni<Boolean> exists(UUID chatId, UUID turnId, MessageRole role) {
        return count("chatId = ?1 and turnId = ?2 and role = ?3", chatId, turnId, role).map(n -> n > 0);
    }
}
