package io.switchboard.session.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.AuditEntry;
import io.switchboard.session.repository.AuditEntryRepository;

/**
 * The audit log: every change a user makes through session-service, recorded in the transaction that makes it
 * (a change that rolls back leaves no entry, one that commits always has one). Readable by the tenant's admins.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditEntryRepository entries;
    private final SessionConfig config;

    public AuditTrail(AuditEntryRepository entries, SessionConfig config) {
        this.entries = entries;
        this.config = config;
    }

    /** Records a change to a chat. */
    public Uni<Void> chat(Caller caller, String action, UUID projectId, UUID chatId) {
        return record(caller, action, projectId, chatId, null);
    }

    /** Records a change to something else: a project, a member, a view, the caller's tabs. */
    public Uni<Void> record(Caller caller, String action, UUID projectId, UUID chatId, String targetId) {
        return entries.record(caller.tenantId(), caller.userId(), action, projectId, chatId, targetId)
                .replaceWithVoid();
    }

    /** A page of the tenant's audit log, newest first; only the tenant's admins may read it. */
    @TenantTransactional
    public Uni<List<AuditEntry>> page(Caller caller, boolean admin, Long before, UUID projectId, UUID chatId,
            int limit) {
        if (!admin) {
            return Uni.createFrom().failure(ProblemException.forbidden("The audit log is for the tenant's admins"));
        }
        if (limit < 1 || limit > config.auditMaxPage()) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("limit must be between 1 and " + config.auditMaxPage()));
        }
        if (before != null && before < 1) {
            return Uni.createFrom().failure(ProblemException.badRequest("before must be an entry id, 1 or more"));
        }
        return entries.page(caller.tenantId(), before == null ? Long.MAX_VALUE : before, projectId, chatId, limit);
    }
}
