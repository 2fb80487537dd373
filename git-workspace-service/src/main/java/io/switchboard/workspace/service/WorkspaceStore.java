package io.switchboard.workspace.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.workspace.Committed;
import io.switchboard.events.workspace.Reverted;
import io.switchboard.events.workspace.WorkspaceFailed;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.events.workspace.WorkspaceRemoved;
import io.switchboard.kit.tenancy.TenantId;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.workspace.git.BranchHead;
import io.switchboard.workspace.repository.Project;
import io.switchboard.workspace.repository.ProjectRepository;
import io.switchboard.workspace.repository.Workspace;
import io.switchboard.workspace.repository.WorkspaceRepository;
import io.switchboard.workspace.repository.WorkspaceStatus;

/**
 * Workspace state changes. Each one claims the chat's next seq and writes the event announcing it
 * in the same transaction, so the stream on workspace.events has no gap and no seq twice.
 */
@ApplicationScoped
public class WorkspaceStore {

    private static final String CLAIM_PROJECT = "insert into project (project_id, tenant_id, created_at) "
            + "values (?1, ?2, now()) on conflict (project_id) do nothing";

    private final WorkspaceRepository workspaces;
    private final ProjectRepository projects;
    private final WorkspaceEventOutbox outbox;

    public WorkspaceStore(WorkspaceRepository workspaces, ProjectRepository projects, WorkspaceEventOutbox outbox) {
        this.workspaces = workspaces;
        this.projects = projects;
        this.outbox = outbox;
    }

    /** The project's chats with a ready workspace, oldest first. */
    @TenantTransactional
    public Uni<List<Workspace>> readyChats(UUID projectId, @TenantId String tenantId) {
        return workspaces.list("projectId = ?1 and status = ?2 order by createdAt", projectId,
                WorkspaceStatus.READY);
    }

    /** What of the tenant takes disk space: its projects' repositories and its chats' working directories. */
    @TenantTransactional
    public Uni<Footprint> footprint(@TenantId String tenantId) {
        return projects.list("tenantId", tenantId).chain(owned -> workspaces.list("tenantId = ?1 and status = ?2",
                tenantId, WorkspaceStatus.READY).map(chats -> new Footprint(
                        owned.stream().map(Project::projectId).toList(),
                        chats.stream().map(Workspace::chatId).toList())));
    }

    /** A tenant's projects and chats with a ready workspace. */
    public record Footprint(List<UUID> projects, List<UUID> chats) {
    }

    /** The tenant's workspace of the chat; another tenant's is as absent as a missing one. */
    @TenantTransactional
    public Uni<Workspace> find(UUID chatId, @TenantId String tenantId) {
        return workspaces.findById(chatId);
    }

    /**
     * The project, claimed for the tenant if nobody has used it yet; null when another tenant has. The insert
     * meets a row it cannot see (row-level security) only as a conflict, which changes nothing.
     */
    @TenantTransactional
    public Uni<Project> claimProject(UUID projectId, @TenantId String tenantId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_PROJECT)
                        .setParameter(1, projectId)
                        .setParameter(2, tenantId)
                        .executeUpdate())
                .chain(() -> projects.findById(projectId));
    }

    /** Whether the project keeps a deleted chat's branch; false for a project this service does not know. */
    @TenantTransactional
    public Uni<Boolean> keepsBranchesOnDelete(UUID projectId, @TenantId String tenantId) {
        return projects.findById(projectId).map(project -> project != null && project.keepsBranchesOnDelete());
    }

    /** Whether archiving a chat of the project closes its open pull request; false for an unknown project. */
    @TenantTransactional
    public Uni<Boolean> closesPullRequestsOnArchive(UUID projectId, @TenantId String tenantId) {
        return projects.findById(projectId).map(project -> project != null && project.closesPullRequestsOnArchive());
    }

    @TenantTransactional
    public Uni<Workspace> recordReady(Envelope trigger, UUID projectId, BranchHead head) {
        Workspace workspace = new Workspace(chatId(trigger), trigger.tenantId(), projectId, head.branch());
        workspace.ready(head.commit());
        long seq = workspace.transition(WorkspaceStatus.READY);
        return workspaces.persist(workspace)
                .call(() -> announce(workspace, seq, new WorkspaceReady(projectId, head.branch(), head.commit())));
    }

    @TenantTransactional
    public Uni<Workspace> recordFailed(Envelope trigger, UUID projectId, String branch, String reason) {
        Workspace workspace = new Workspace(chatId(trigger), trigger.tenantId(), projectId, branch);
        workspace.failed(reason);
        long seq = workspace.transition(WorkspaceStatus.FAILED);
        return workspaces.persist(workspace)
                .call(() -> announce(workspace, seq, new WorkspaceFailed(projectId, reason)));
    }

    @TenantTransactional
    public Uni<Workspace> recordRemoved(UUID chatId, @TenantId String tenantId, boolean branchKept) {
        return locked(chatId).call(workspace -> {
            if (workspace == null || workspace.status() == WorkspaceStatus.REMOVED) {
                return Uni.createFrom().voidItem();
            }
            long seq = workspace.transition(WorkspaceStatus.REMOVED);
            return announce(workspace, seq, new WorkspaceRemoved(workspace.branch(), branchKept));
        });
    }

    /**
     * Records that the chat's branch now points at {@code commit} and announces it, once: when the
     * stored head already is that commit (a repeated request for the same turn), nothing is written.
     */
    @TenantTransactional
    public Uni<Boolean> recordCommitted(UUID chatId, @TenantId String tenantId, UUID turnId, String commit,
            String message) {
        return locked(chatId).chain(workspace -> {
            if (workspace == null || workspace.status() != WorkspaceStatus.READY
                    || commit.equals(workspace.headCommit())) {
                return Uni.createFrom().item(false);
            }
            long seq = workspace.committed(commit);
            return announce(workspace, seq, turnId, new Committed(workspace.branch(), commit, message))
                    .replaceWith(true);
        });
    }

    /** Records that the chat's branch now points at the restoring commit and announces it with Reverted. */
    @TenantTransactional
    public Uni<Boolean> recordReverted(UUID chatId, @TenantId String tenantId, String commit, String restoredFrom) {
        return locked(chatId).chain(workspace -> {
            if (workspace == null || workspace.status() != WorkspaceStatus.READY
                    || commit.equals(workspace.headCommit())) {
                return Uni.createFrom().item(false);
            }
            long seq = workspace.committed(commit);
            return announce(workspace, seq, new Reverted(workspace.branch(), commit, restoredFrom))
                    .replaceWith(true);
        });
    }

    /**
     * The chat's row, locked until the transaction ends: every change that claims the chat's next seq reads it
     * this way, so two of them (two replicas, a commit and a conflict-radar refresh) never claim one seq twice.
     */
    Uni<Workspace> locked(UUID chatId) {
        return workspaces.findById(chatId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The project's chats with a ready workspace, oldest first, locked as {@link #locked} locks one. */
    @TenantTransactional
    public Uni<List<Workspace>> readyChatsLocked(UUID projectId, @TenantId String tenantId) {
        return workspaces.find("projectId = ?1 and status = ?2 order by createdAt", projectId, WorkspaceStatus.READY)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private Uni<Void> announce(Workspace workspace, long seq, EventPayload payload) {
        return outbox.append(workspace, seq, payload);
    }

    private Uni<Void> announce(Workspace workspace, long seq, UUID turnId, EventPayload payload) {
        return outbox.append(workspace, seq, turnId, payload);
    }

    private static UUID chatId(Envelope envelope) {
        return UUID.fromString(envelope.chatId());
    }
}
