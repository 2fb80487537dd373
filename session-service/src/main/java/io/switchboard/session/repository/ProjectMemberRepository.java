package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.ProjectMember;
import io.switchboard.session.model.ProjectRole;

@ApplicationScoped
public class ProjectMemberRepository implements PanacheRepositoryBase<ProjectMember, ProjectMember.Key> {

    public Uni<ProjectMember> find(String tenantId, UUID projectId, String userId) {
        return find("tenantId = ?1 and projectId = ?2 and userId = ?3", tenantId, projectId, userId).firstResult();
    }

    /** The project's members, in user id order. */
    public Uni<List<ProjectMember>> listForProject(String tenantId, UUID projectId) {
        return list("tenantId = ?1 and projectId = ?2 order by userId", tenantId, projectId);
    }

    public Uni<List<ProjectMember>> owners(String tenantId, UUID projectId) {
        return list("tenantId = ?1 and projectId = ?2 and role = ?3", tenantId, projectId, ProjectRole.OWNER);
    }

    public Uni<Long> countForProject(String tenantId, UUID projectId) {
        return count("tenantId = ?1 and projectId = ?2", tenantId, projectId);
    }

    public Uni<Long> remove(String tenantId, UUID projectId, String userId) {
        return delete("tenantId = ?1 and projectId = ?2 and userId = ?3", tenantId, projectId, userId);
    }
}
