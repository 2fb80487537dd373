package io.switchboard.session.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.session.model.Project;
import io.switchboard.session.model.ProjectRole;

/**
 * Announces a membership change on session.lifecycle, in the transaction that makes it: the gateway learns from
 * it who may subscribe and send without asking session-service for every chat. Keyed by the project's id, with
 * the project's own seq; the caller holds the project's row locked (or has just created it).
 */
@ApplicationScoped
public class MembershipAnnouncer {

    private final OutboxWriter outbox;

    public MembershipAnnouncer(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** {@code role} null: the user is no member any more. */
    public Uni<Void> changed(Project project, String userId, ProjectRole role) {
        return outbox.append(Envelope.of(project.id.toString(), project.tenantId, project.nextLifecycleSeq(), null,
                new ProjectMemberChanged(project.id, userId, role == null ? null : role.wireName())));
    }
}
