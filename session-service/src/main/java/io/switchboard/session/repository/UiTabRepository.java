package io.switchboard.session.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.UiTab;

@ApplicationScoped
public class UiTabRepository implements PanacheRepositoryBase<UiTab, UUID> {

    /** Open tabs first in their order, then the closed ones, most recently closed first. */
    public Uni<List<UiTab>> listOwned(String tenantId, String userId) {
        return list("tenantId = ?1 and userId = ?2 order by case when closedAt is null then 0 else 1 end, position",
                tenantId, userId);
    }
}
