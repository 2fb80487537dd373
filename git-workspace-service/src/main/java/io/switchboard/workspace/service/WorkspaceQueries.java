package io.switchboard.workspace.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.workspace.git.BranchHead;
import io.switchboard.workspace.git.ChatBranches;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.repository.Workspace;
import io.switchboard.workspace.repository.WorkspaceRepository;
import io.switchboard.workspace.repository.WorkspaceStatus;

/** Reads of workspaces for callers; a chat of another tenant is indistinguishable from a missing one. */
@ApplicationScoped
public class WorkspaceQueries {

    private final WorkspaceRepository workspaces;
    private final ChatBranches branches;
    private final GitWorker git;

    public WorkspaceQueries(WorkspaceRepository workspaces, ChatBranches branches, GitWorker git) {
        this.workspaces = workspaces;
        this.branches = branches;
        this.git = git;
    }

    @TenantTransactional
    public Uni<Workspace> owned(UUID chatId, Caller caller) {
        return workspaces.findOwned(chatId, caller.tenantId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Workspace of chat", chatId));
    }

    /**
     * A workspace the tools can work in: the caller's, with its branch in place. A failed workspace
     * is a conflict that names the reason; a removed one no longer exists.
     */
    public Uni<Workspace> usable(UUID chatId, Caller caller) {
        return owned(chatId, caller).map(workspace -> switch (workspace.status()) {
            case READY -> workspace;
            case FAILED -> throw ProblemException.conflict("The workspace of chat " + chatId
                    + " could not be prepared: " + workspace.failureReason());
            case REMOVED -> throw ProblemException.notFound("Workspace of chat", chatId);
        });
    }

    /** The chat's branch as git has it now, which moves ahead of the stored head as the chat commits. */
    public Uni<BranchHead> branch(UUID chatId, Caller caller) {
        return owned(chatId, caller).chain(workspace -> {
            if (workspace.status() != WorkspaceStatus.READY) {
                return Uni.createFrom().failure(ProblemException.notFound("Branch of chat", chatId));
            }
            return git.run(() -> branches.head(workspace.projectId(), workspace.branch()))
                    .map(head -> head.map(commit -> new BranchHead(workspace.branch(), commit))
                            .orElseThrow(() -> ProblemException.notFound("Branch of chat", chatId)));
        });
    }
}
