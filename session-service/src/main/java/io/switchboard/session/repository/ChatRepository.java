package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.Chat;

@ApplicationScoped
public class ChatRepository implements PanacheRepositoryBase<Chat, UUID> {

    public Uni<Chat> findOwned(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public Uni<Long> countForTenant(String tenantId) {
        return count("tenantId", tenantId);
    }

    public Uni<Chat> findByCreationKey(String tenantId, String creationKey) {
        return find("tenantId = ?1 and creationKey = ?2", tenantId, creationKey).firstResult();
    }

    public Uni<List<Chat>> listForProject(String tenantId, UUID projectId) {
        return list("tenantId = ?1 and projectId = ?2 order by createdAt", tenantId, projectId);
    }
}
