package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.Message;
import io.switchboard.session.model.MessageRole;
import io.switchboard.session.service.HistoryCursor;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** A page of the history in its listed order, after the cursor (and only messages after {@code afterSeq}). */
    public Uni<List<Message>> history(String tenantId, UUID chatId, HistoryCursor after, long afterSeq, int limit) {
        return find("tenantId = ?1 and chatId = ?2 and (turnSeq > ?3 or (turnSeq = ?3 and seq > ?4)) and seq > ?5 "
                + "order by turnSeq, seq", tenantId, chatId, after.turnSeq(), after.seq(), afterSeq)
                .page(0, limit)
                .list();
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
