package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.SplitView;

@ApplicationScoped
public class SplitViewRepository implements PanacheRepositoryBase<SplitView, UUID> {

    public Uni<SplitView> findOwned(String tenantId, String userId, UUID id) {
        return find("tenantId = ?1 and userId = ?2 and id = ?3", tenantId, userId, id).firstResult();
    }

    /**
     * The view, locked until the transaction ends: concurrent changes of one view run one after the other, and
     * each sees the version the one before it wrote.
     */
    public Uni<SplitView> lockOwned(String tenantId, String userId, UUID id) {
        return find("tenantId = ?1 and userId = ?2 and id = ?3", tenantId, userId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<SplitView>> listOwned(String tenantId, String userId) {
        return list("tenantId = ?1 and userId = ?2 order by createdAt, id", tenantId, userId);
    }

    public Uni<Long> countOwned(String tenantId, String userId) {
        return count("tenantId = ?1 and userId = ?2", tenantId, userId);
    }
}
