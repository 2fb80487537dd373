package io.switchboard.kit.tenancy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.persistence.UncachedPlan;

/**
 * Names the tenant of the current transaction for PostgreSQL's row-level security: every statement after it, in
 * that transaction only, sees and writes that tenant's rows alone ({@code current_setting('app.tenant_id')} in the
 * tables' policies). Reached only through {@link TenantTransactional}, which runs it first in the transaction of
 * every such method; outside a transaction the setting would end with the statement that made it.
 */
final class TenantScope {

    /*
     * Run once per transaction, so kept out of the query plan cache (UncachedPlan). Not an update statement, which
     * the cache would find by its SQL: Hibernate treats a native update as a bulk change and schedules cache
     * clean-up for it at every commit.
     */
    private static final String SET_TENANT = "select set_config('app.tenant_id', ?1, true) where 1 in (?2)";

    private TenantScope() {
    }

    /** In the current Hibernate Reactive transaction; a missing tenant is refused rather than matching nothing. */
    static Uni<Void> enter(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("No tenant to scope the transaction to"));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SET_TENANT, String.class)
                        .setParameter(1, tenantId)
                        .setParameter(2, UncachedPlan.MARKER)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
