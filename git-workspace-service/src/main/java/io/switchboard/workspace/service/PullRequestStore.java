package io.switchboard.workspace.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.workspace.PullRequestOpened;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.tenancy.TenantId;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.workspace.client.GitHubPullRequest;
import io.switchboard.workspace.repository.ProjectGitHub;
import io.switchboard.workspace.repository.ProjectGitHubRepository;
import io.switchboard.workspace.repository.PullRequest;
import io.switchboard.workspace.repository.PullRequestRepository;
import io.switchboard.workspace.repository.WorkspaceStatus;

/**
 * Projects' GitHub repositories and chats' pull requests. A pull request's change claims the chat's next seq on its
 * locked workspace row and writes its event in the same transaction, as every workspace change does.
 */
@ApplicationScoped
public class PullRequestStore {

    private final ProjectGitHubRepository remotes;
    private final PullRequestRepository pullRequests;
    private final WorkspaceStore workspaces;
    private final WorkspaceEventOutbox outbox;

    public PullRequestStore(ProjectGitHubRepository remotes, PullRequestRepository pullRequests,
            WorkspaceStore workspaces, WorkspaceEventOutbox outbox) {
        this.remotes = remotes;
        this.pullRequests = pullRequests;
        this.workspaces = workspaces;
        this.outbox = outbox;
    }

    /** The project's GitHub repository; null when it has none. */
    @TenantTransactional
    public Uni<ProjectGitHub> remote(UUID projectId, @TenantId String tenantId) {
        return remotes.findById(projectId);
    }

    @TenantTransactional
    public Uni<ProjectGitHub> connect(UUID projectId, @TenantId String tenantId, String repository,
            String defaultBranch, String sealedToken) {
        return remotes.findById(projectId).chain(found -> {
            ProjectGitHub remote = found != null ? found : new ProjectGitHub(projectId, tenantId);
            remote.connect(repository, defaultBranch, sealedToken);
            return found != null ? Uni.createFrom().item(remote) : remotes.persist(remote);
        });
    }

    /** Whether the project had a GitHub repository to forget. */
    @TenantTransactional
    public Uni<Boolean> disconnect(UUID projectId, @TenantId String tenantId) {
        return remotes.deleteById(projectId);
    }

    /** The chat's latest pull request; null when it never opened one. */
    @TenantTransactional
    public Uni<PullRequest> pullRequest(UUID chatId, @TenantId String tenantId) {
        return pullRequests.findById(chatId);
    }

    /** Records the chat's new pull request, replacing a closed or merged one, and announces it. */
    @TenantTransactional
    public Uni<PullRequest> recordOpened(UUID chatId, @TenantId String tenantId, String repository,
            GitHubPullRequest opened, String title, String branch, String baseBranch) {
        return workspaces.locked(chatId).chain(workspace -> pullRequests.findById(chatId).chain(found -> {
            if (workspace == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Workspace of chat", chatId));
            }
            PullRequest pullRequest = found != null
                    ? found
                    : new PullRequest(chatId, tenantId, workspace.projectId());
            pullRequest.opened(repository, opened.number(), opened.htmlUrl(), title, branch, baseBranch,
                    opened.switchboardState());
            long seq = workspace.nextSeq();
            PullRequestOpened event = new PullRequestOpened(workspace.projectId(), repository, opened.number(),
                    opened.htmlUrl(), title, branch, baseBranch);
            Uni<PullRequest> stored = found != null ? Uni.createFrom().item(pullRequest)
                    : pullRequests.persist(pullRequest);
            return stored.call(() -> outbox.append(workspace, seq, event));
        }));
    }

    /**
     * Records the state GitHub shows now for the chat's pull request {@code number}, and announces a change. A
     * pull request the chat has since replaced, or a chat whose workspace is gone, changes nothing.
     */
    @TenantTransactional
    public Uni<PullRequest> recordState(UUID chatId, @TenantId String tenantId, int number, String state) {
        return workspaces.locked(chatId).chain(workspace -> pullRequests.findById(chatId).chain(pullRequest -> {
            if (pullRequest == null || pullRequest.number() != number) {
                return Uni.createFrom().item(pullRequest);
            }
            String previous = pullRequest.state();
            if (!pullRequest.checked(state) || workspace == null || workspace.status() == WorkspaceStatus.REMOVED) {
                return Uni.createFrom().item(pullRequest);
            }
            long seq = workspace.nextSeq();
            return outbox.append(workspace, seq, new PullRequestUpdated(pullRequest.projectId(),
                    pullRequest.repository(), number, pullRequest.url(), state, previous)).replaceWith(pullRequest);
        }));
    }
}
