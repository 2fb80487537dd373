package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.Project;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    public Uni<Long> countForTenant(String tenantId) {
        return count("tenantId", tenantId);
    }

    public Uni<Project> findOwned(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** The project locked until the transaction ends: its membership changes one at a time, each with its seq. */
    public Uni<Project> lockOwned(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The projects the user belongs to, oldest first, each with the user's role. */
    public Uni<List<Object[]>> listForMember(String tenantId, String userId) {
        String hql = "select p, m.role from Project p, ProjectMember m where m.projectId = p.id "
                + "and m.tenantId = :tenant and m.userId = :user and p.tenantId = :tenant order by p.createdAt, p.id";
        return getSession().chain(session -> session.createSelectionQuery(hql, Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("user", userId)
                .getResultList());
    }
}
