package io.switchboard.session.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.persistence.UncachedPlan;
import io.switchboard.session.api.ToolCallSummary;

/** The tool calls of turns whose answer is not stored yet, as chat.events reports them. */
@ApplicationScoped
public class ToolCallRepository {

    /** A call started; again (a redelivery) or for a chat this service does not have, nothing happens. */
    public Uni<Integer> started(String tenantId, UUID chatId, UUID turnId, String toolCallId, String tool, long seq) {
        String sql = "INSERT INTO tool_call (chat_id, turn_id, tool_call_id, tenant_id, tool, status, seq) "
                + "SELECT ?1, ?2, ?3, ?4, ?5, 'running', ?6 WHERE EXISTS "
                + "(SELECT 1 FROM chat WHERE id = ?1 AND tenant_id = ?4) ON CONFLICT DO NOTHING";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, chatId)
                .setParameter(2, turnId)
                .setParameter(3, toolCallId)
                .setParameter(4, tenantId)
                .setParameter(5, tool)
                .setParameter(6, seq)
                .executeUpdate());
    }

    /** A call ended: {@code succeeded}, or {@code failed} with the reason. */
    public Uni<Integer> ended(String tenantId, UUID chatId, UUID turnId, String toolCallId, String status,
            String error) {
        String sql = "UPDATE tool_call SET status = ?5, error = ?6 "
                + "WHERE chat_id = ?1 AND turn_id = ?2 AND tool_call_id = ?3 AND tenant_id = ?4";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, chatId)
                .setParameter(2, turnId)
                .setParameter(3, toolCallId)
                .setParameter(4, tenantId)
                .setParameter(5, status)
                .setParameter(6, error)
                .executeUpdate());
    }

    /** Forgets the turn's calls once its answer carries their summary. */
    public Uni<Integer> forgetTurn(UUID chatId, UUID turnId) {
        String sql = "DELETE FROM tool_call WHERE chat_id = ?1 AND turn_id = ?2";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, chatId)
                .setParameter(2, turnId)
                .executeUpdate());
    }

    /** The turn's calls in the order they started. */
    public Uni<List<ToolCallSummary>> ofTurn(UUID chatId, UUID turnId) {
        // Run for every answer, so kept out of the query plan cache.
        String sql = "SELECT tool, status, error FROM tool_call WHERE chat_id = ?1 AND turn_id = ?2 AND 1 IN (?3) "
                + "ORDER BY seq";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, chatId)
                .setParameter(2, turnId)
                .setParameter(3, UncachedPlan.MARKER)
                .getResultList())
                .map(rows -> {
                    List<ToolCallSummary> calls = new ArrayList<>();
                    for (Object[] row : rows) {
                        calls.add(new ToolCallSummary((String) row[0], (String) row[1], (String) row[2]));
                    }
                    return calls;
                });
    }
}
