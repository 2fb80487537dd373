package io.switchboard.gateway.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.gateway.client.SessionLookups;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;

/**
 * Each user's role in each project, so that subscribing and sending to a chat cost no remote call. Learned from
 * session.lifecycle: ProjectMemberChanged says it outright (removed included), and ChatCreated or ChatForked
 * says its user could add chats to the project then, so was an editor or owner. What the gateway has not heard
 * (a project older than its replay window, an entry forgotten to bound memory) it asks session-service, with the
 * user's own token, and keeps for {@code switchboard.gateway.membership-cache-ttl}. Every entry carries the time
 * it held: an older fact never overwrites a newer one, whatever order the partitions deliver them in.
 */
@ApplicationScoped
public class ProjectRoles {

    static final String VIEWER = "viewer";
    static final String EDITOR = "editor";

    private final BoundedCache<Key, Known> roles = new BoundedCache<>(ChatDirectory.MAX_CHATS);
    private final SessionLookups sessions;
    private final long ttlNanos;

    public ProjectRoles(@RestClient SessionLookups sessions, GatewayConfig config) {
        this.sessions = sessions;
        this.ttlNanos = config.membershipCacheTtl().toNanos();
    }

    /** Learns from a session.lifecycle event. */
    public void apply(Envelope event) {
        if (event.payload() instanceof ProjectMemberChanged changed) {
            learn(new Key(event.tenantId(), changed.userId(), changed.projectId()), changed.role(), event.at());
        } else if (event.payload() instanceof ChatCreated created) {
            learnCouldEdit(new Key(event.tenantId(), created.userId(), created.projectId()), event.at());
        } else if (event.payload() instanceof ChatForked forked) {
            learnCouldEdit(new Key(event.tenantId(), forked.userId(), forked.projectId()), event.at());
        }
    }

    /** The caller's role in the project; a 404 problem when they are no member. */
    public Uni<String> roleOf(Caller caller, String bearer, UUID projectId) {
        Key key = new Key(caller.tenantId(), caller.userId(), projectId);
        Known known = roles.get(key);
        if (known != null && (known.fromEvent() || System.nanoTime() - known.learnedAt() < ttlNanos)) {
            return known.role() == null ? Uni.createFrom().failure(ProblemException.notFound("Project", projectId))
                    : Uni.createFrom().item(known.role());
        }
        Instant asked = Instant.now();
        return sessions.getProject(bearer, projectId)
                .map(project -> project.role() == null ? VIEWER : project.role())
                .invoke(role -> remember(key, new Known(role, asked, System.nanoTime(), false)));
    }

    /** Whether the gateway holds, as its latest fact, that the user is no member of the project. */
    public boolean knownOutsider(String tenantId, String userId, UUID projectId) {
        Known known = roles.get(new Key(tenantId, userId, projectId));
        return known != null && known.role() == null;
    }

    /** Fails with a 403 problem unless the caller may send to and change the project's chats. */
    public Uni<Void> requireEditor(Caller caller, String bearer, UUID projectId, String what) {
        return roleOf(caller, bearer, projectId).invoke(role -> {
            if (VIEWER.equals(role)) {
                throw ProblemException.forbidden("A viewer of project " + projectId + " may not " + what);
            }
        }).replaceWithVoid();
    }

    private void learn(Key key, String role, Instant at) {
        remember(key, new Known(role, at, System.nanoTime(), true));
    }

    /** A user who added a chat was an editor or owner then; an owner stays one. */
    private void learnCouldEdit(Key key, Instant at) {
        Known known = roles.get(key);
        if (known != null && known.role() != null && !VIEWER.equals(known.role())) {
            return;
        }
        learn(key, EDITOR, at);
    }

    private void remember(Key key, Known fact) {
        roles.putUnlessNewer(key, fact, (current, next) -> current.asOf().isAfter(next.asOf()));
    }

    private record Key(String tenantId, String userId, UUID projectId) {
    }

    /** {@code role} null: no member. {@code asOf}: when it held; {@code learnedAt}: when the gateway heard it. */
    private record Known(String role, Instant asOf, long learnedAt, boolean fromEvent) {
    }
}
