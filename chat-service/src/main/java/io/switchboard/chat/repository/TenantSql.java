package io.switchboard.chat.repository;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs a repository call in one tenant's scope for PostgreSQL's row-level security: on one connection, in one
 * transaction whose first statement names the tenant ({@code current_setting('app.tenant_id')} in the tables'
 * policies), so every statement of the call sees and writes that tenant's rows alone, reads included. The setting
 * is local to the transaction and ends with it, so a pooled connection never carries it into another call.
 */
@ApplicationScoped
public class TenantSql {

    /**
     * The datasource of the role that reads across tenants (a partition's open turns and windows when it is taken
     * over): it may read what recovery needs and write nothing, so nothing scoped to a tenant runs on it.
     */
    public static final String RELAY_DATASOURCE = "relay";

    private static final String SET_TENANT = "SELECT set_config('app.tenant_id', $1, true)";

    private final Pool pool;

    public TenantSql(Pool pool) {
        this.pool = pool;
    }

    /** The work's statements, in the tenant's scope; a missing tenant is refused rather than matching nothing. */
    public <T> Uni<T> inTenant(String tenantId, Function<SqlConnection, Uni<T>> work) {
        if (tenantId == null || tenantId.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("No tenant to scope the transaction to"));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(SET_TENANT)
                .execute(Tuple.of(tenantId))
                .chain(() -> work.apply(connection)));
    }
}
