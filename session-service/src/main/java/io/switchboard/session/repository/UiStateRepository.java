package io.switchboard.session.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.UiState;

@ApplicationScoped
public class UiStateRepository implements PanacheRepositoryBase<UiState, UUID> {

    public Uni<UiState> findOwned(String tenantId, String userId) {
        return find("tenantId = ?1 and userId = ?2", tenantId, userId).firstResult();
    }

    /**
     * The user's state, created at version 0 if it is not there yet, and locked until the transaction ends, so
     * that changes from two devices apply one after the other. The insert skips a row another transaction made
     * meanwhile rather than failing on it.
     */
    public Uni<UiState> lockOrCreate(String tenantId, String userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO ui_state (id, tenant_id, user_id, version, updated_at) VALUES (?1, ?2, ?3, 0, ?4) "
                                + "ON CONFLICT (tenant_id, user_id) DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, Instant.now())
                .executeUpdate())
                .chain(() -> find("tenantId = ?1 and userId = ?2", tenantId, userId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult());
    }
}
