package io.switchboard.session.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.model.OutboxEntry;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, Long> {

    /**
     * The oldest pending entries, locked so that a second instance relaying at the same time waits
     * instead of publishing them twice or out of order.
     */
    public Uni<List<OutboxEntry>> lockOldest(int limit) {
        return find("order by id").withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }
}
