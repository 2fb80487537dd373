package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.AuditEntry;

@ApplicationScoped
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /**
     * Written with a plain insert in the caller's transaction, so the entry commits or rolls back with the change
     * it records; the database stamps the time.
     */
    public Uni<Integer> record(String tenantId, String actorId, String action, UUID projectId, UUID chatId,
            String targetId) {
        String sql = "INSERT INTO audit_entry (tenant_id, actor_id, action, project_id, chat_id, target_id) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        return getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, tenantId)
                .setParameter(2, actorId)
                .setParameter(3, action)
                .setParameter(4, projectId)
                .setParameter(5, chatId)
                .setParameter(6, targetId)
                .executeUpdate());
    }

    /** The tenant's entries, newest first, before the entry id {@code before}, optionally of one project or chat. */
    public Uni<List<AuditEntry>> page(String tenantId, long before, UUID projectId, UUID chatId, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant and id < :before");
        Parameters parameters = Parameters.with("tenant", tenantId).and("before", before);
        if (projectId != null) {
            query.append(" and projectId = :project");
            parameters.and("project", projectId);
        }
        if (chatId != null) {
            query.append(" and chatId = :chat");
            parameters.and("chat", chatId);
        }
        query.append(" order by id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }
}
