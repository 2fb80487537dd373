package io.switchboard.session.service;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.session.config.SessionConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the audit log from growing for ever: once a day, entries older than
 * {@code switchboard.session.audit-retention} (a year by default) are deleted.
 */
@ApplicationScoped
public class AuditRetention {

    // Every tenant's old entries at once: cross-tenant work, done as the relay role, whose only right on the audit
    // log is this (row-level security lets it see when an entry was written, and delete it).
    private static final String DELETE_BEFORE = "DELETE FROM audit_entry WHERE at < $1";

    private final Pool relay;
    private final SessionConfig config;

    public AuditRetention(@ReactiveDataSource(Outbox.RELAY_DATASOURCE) Pool relay, SessionConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Scheduled(every = "24h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return purge(Instant.now()).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Old audit entries not deleted this time: %s", failure.getMessage());
                    return null;
                });
    }

    /** Deletes the entries older than the retention as of {@code now}; how many went. */
    public Uni<Long> purge(Instant now) {
        Instant cutoff = now.minus(config.auditRetention());
        return relay.preparedQuery(DELETE_BEFORE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> (long) rows.rowCount())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("Deleted %d audit entries written before %s", deleted, cutoff);
                    }
                });
    }
}
