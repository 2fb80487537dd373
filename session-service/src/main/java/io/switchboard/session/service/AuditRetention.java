package io.switchboard.session.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.repository.AuditEntryRepository;

/**
 * Keeps the audit log from growing for ever: once a day, entries older than
 * {@code switchboard.session.audit-retention} (a year by default) are deleted.
 */
@ApplicationScoped
public class AuditRetention {

    private final AuditEntryRepository entries;
    private final SessionConfig config;

    public AuditRetention(AuditEntryRepository entries, SessionConfig config) {
        this.entries = entries;
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
        // Called from the scheduler on this bean itself, where an interceptor binding would not apply.
        return Panache.withTransaction(() -> entries.deleteBefore(cutoff)).invoke(deleted -> {
            if (deleted > 0) {
                Log.infof("Deleted %d audit entries written before %s", deleted, cutoff);
            }
        });
    }
}
