package io.switchboard.session.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.ViewPane;

@ApplicationScoped
public class ViewPaneRepository implements PanacheRepositoryBase<ViewPane, UUID> {

    public Uni<List<ViewPane>> listForView(UUID viewId) {
        return list("viewId = ?1 order by position", viewId);
    }

    public Uni<List<ViewPane>> listForViews(Collection<UUID> viewIds) {
        return list("viewId in ?1 order by viewId, position", viewIds);
    }
}
