package io.switchboard.workspace.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.workspace.RepositoryImport;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.tenancy.TenantId;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.workspace.repository.ProjectImport;
import io.switchboard.workspace.repository.ProjectImportRepository;
import io.switchboard.workspace.repository.Workspace;

/**
 * An import's state, and its announcements on each chat of the project, each written in one transaction with the
 * state it announces. A job that another start overtook (its attempt is no longer the row's) writes nothing.
 */
@ApplicationScoped
public class ImportStore {

    private final ProjectImportRepository imports;
    private final WorkspaceStore workspaces;
    private final WorkspaceEventOutbox outbox;

    public ImportStore(ProjectImportRepository imports, WorkspaceStore workspaces, WorkspaceEventOutbox outbox) {
        this.imports = imports;
        this.workspaces = workspaces;
        this.outbox = outbox;
    }

    @TenantTransactional
    public Uni<ProjectImport> find(UUID projectId, @TenantId String tenantId) {
        return imports.findById(projectId);
    }

    /**
     * Starts an attempt: 409 while another is cloning and has moved within {@code staleBefore}. Announces it on the
     * project's chats.
     */
    @TenantTransactional
    public Uni<ProjectImport> begin(UUID projectId, @TenantId String tenantId, String source, boolean local,
            String branch, Instant staleBefore) {
        return imports.findById(projectId).chain(existing -> {
            if (existing != null && RepositoryImport.CLONING.equals(existing.state())
                    && existing.updatedAt().isAfter(staleBefore)) {
                throw ProblemException.conflict("An import into this project is already running");
            }
            ProjectImport row = existing != null ? existing : new ProjectImport(projectId, tenantId);
            row.start(source, local, branch);
            return imports.persist(row).call(saved -> announce(saved, null));
        });
    }

    /** Records git's progress; announces it too when {@code announce} (a new phase or a larger step). */
    @TenantTransactional
    public Uni<Void> progressed(UUID projectId, @TenantId String tenantId, long attempt, String phase,
            Integer percent, boolean announce) {
        return current(projectId, attempt).chain(row -> {
            if (row == null || !RepositoryImport.CLONING.equals(row.state())) {
                return Uni.createFrom().voidItem();
            }
            row.progressed(phase, percent);
            return announce ? announce(row, null) : Uni.createFrom().voidItem();
        });
    }

    /**
     * Records the import done: each chat whose branch moved gets WorkspaceReady with its new head, and every chat
     * of the project hears that the import finished.
     */
    @TenantTransactional
    public Uni<Void> imported(UUID projectId, @TenantId String tenantId, long attempt, String defaultBranch,
            String head, List<UUID> movedChats) {
        return current(projectId, attempt).chain(row -> {
            if (row == null) {
                return Uni.createFrom().voidItem();
            }
            row.imported(defaultBranch, head);
            return announce(row, new Moved(movedChats, head));
        });
    }

    @TenantTransactional
    public Uni<Void> failed(UUID projectId, @TenantId String tenantId, long attempt, String reason) {
        return current(projectId, attempt).chain(row -> {
            if (row == null) {
                return Uni.createFrom().voidItem();
            }
            row.failed(reason);
            return announce(row, null);
        });
    }

    private Uni<ProjectImport> current(UUID projectId, long attempt) {
        return imports.findById(projectId).map(row -> row != null && row.attempt() == attempt ? row : null);
    }

    private Uni<Void> announce(ProjectImport row, Moved moved) {
        RepositoryImport event = new RepositoryImport(row.projectId(), row.source(), row.state(), row.phase(),
                row.percent(), row.reason(), row.defaultBranch(), row.headCommit());
        return workspaces.readyChatsLocked(row.projectId(), row.tenantId()).chain(chats -> {
            Uni<Void> written = Uni.createFrom().voidItem();
            for (Workspace chat : chats) {
                if (moved != null && moved.chats().contains(chat.chatId())) {
                    long readySeq = chat.committed(moved.head());
                    written = written.chain(() -> outbox.append(chat, readySeq,
                            new WorkspaceReady(row.projectId(), chat.branch(), moved.head())));
                }
                long seq = chat.nextSeq();
                written = written.chain(() -> outbox.append(chat, seq, event));
            }
            return written;
        });
    }


    private record Moved(List<UUID> chats, String head) {
    }
}
