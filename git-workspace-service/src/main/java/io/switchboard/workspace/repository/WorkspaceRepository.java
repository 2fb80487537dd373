package io.switchboard.workspace.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WorkspaceRepository implements PanacheRepositoryBase<Workspace, UUID> {

    /** The workspace of a chat if it belongs to the tenant; another tenant's chat looks absent. */
    public Uni<Workspace> findOwned(UUID chatId, String tenantId) {
        return find("chatId = ?1 and tenantId = ?2", chatId, tenantId).firstResult();
    }
}
