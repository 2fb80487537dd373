package io.switchboard.workspace.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.TextRules;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.workspace.api.OpenPullRequest;
import io.switchboard.workspace.api.PullRequestView;
import io.switchboard.workspace.client.GitHub;
import io.switchboard.workspace.client.GitHubNewPullRequest;
import io.switchboard.workspace.client.GitHubProblemMapper;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.switchboard.workspace.git.GitFailure;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.ProjectRepositories;
import io.switchboard.workspace.git.PushFailure;
import io.switchboard.workspace.git.RemoteBranches;
import io.switchboard.workspace.repository.ProjectGitHub;
import io.switchboard.workspace.repository.PullRequest;
import io.switchboard.workspace.repository.Workspace;
import io.switchboard.workspace.repository.WorkspaceStatus;
import io.switchboard.workspace.security.TokenSeal;

/**
 * Chats' pull requests on their project's GitHub repository: opening one (push, then GitHub's API), reading its
 * state again on request, periodically and when archiving closes it.
 */
@ApplicationScoped
public class PullRequests {

    public static final String NO_GITHUB = "urn:switchboard:problem:no-github-repository";
    public static final String PUSH_REJECTED = "urn:switchboard:problem:push-rejected";

    private static final int MAX_TITLE = 256;
    private static final int MAX_BODY = 65_536;

    private final WorkspaceStore workspaces;
    private final PullRequestStore store;
    private final ProjectRepositories repositories;
    private final RemoteBranches remoteBranches;
    private final GitWorker git;
    private final GitHub github;
    private final TokenSeal seal;
    private final WorkspaceConfig config;

    public PullRequests(WorkspaceStore workspaces, PullRequestStore store, ProjectRepositories repositories,
            RemoteBranches remoteBranches, GitWorker git, GitHub github, TokenSeal seal, WorkspaceConfig config) {
        this.workspaces = workspaces;
        this.store = store;
        this.repositories = repositories;
        this.remoteBranches = remoteBranches;
        this.git = git;
        this.github = github;
        this.seal = seal;
        this.config = config;
    }

    public Uni<PullRequestView> pullRequest(UUID chatId, Caller caller) {
        return store.pullRequest(chatId, caller.tenantId()).map(pullRequest -> viewOf(chatId, pullRequest));
    }

    public Uni<PullRequestView> open(UUID chatId, Caller caller, OpenPullRequest request) {
        OpenPullRequest checked = checked(request);
        String tenant = caller.tenantId();
        return workspaces.find(chatId, tenant).chain(workspace -> {
            if (workspace == null) {
                throw ProblemException.notFound("Workspace of chat", chatId);
            }
            if (workspace.status() != WorkspaceStatus.READY) {
                throw ProblemException.conflict("The chat's workspace is " + workspace.status().name().toLowerCase()
                        + "; a pull request needs a ready one");
            }
            return store.remote(workspace.projectId(), tenant)
                    .chain(remote -> store.pullRequest(chatId, tenant).chain(existing -> {
                        if (existing != null && PullRequestUpdated.OPEN.equals(existing.state())) {
                            throw new ProblemException(409, GitHubProblemMapper.PULL_REQUEST_EXISTS,
                                    "Pull request exists", "The chat already has an open pull request: "
                                            + existing.url());
                        }
                        return pushAndOpen(workspace, connected(remote, workspace.projectId()), checked);
                    }));
        }).map(pullRequest -> viewOf(chatId, pullRequest));
    }

    private Uni<PullRequest> pushAndOpen(Workspace workspace, ProjectGitHub remote, OpenPullRequest request) {
        String token = tokenOf(remote);
        String remoteUrl = remoteUrl(remote);
        return git.run(() -> {
            String base = repositories.defaultBranch(workspace.projectId());
            String pushed = remoteBranches.push(workspace.projectId(), workspace.branch(), remoteUrl, token);
            Log.infof("chatId=%s branch %s pushed to GitHub repository %s at %s", workspace.chatId(),
                    workspace.branch(), remote.repository(), pushed);
            return base;
        }).onFailure(GitFailure.class).transform(PullRequests::pushProblem)
                .chain(base -> github.open(remote.repository(), token,
                                new GitHubNewPullRequest(request.title(), request.body(), workspace.branch(), base))
                        .chain(opened -> store.recordOpened(workspace.chatId(), workspace.tenantId(),
                                remote.repository(), opened, request.title(), workspace.branch(), base)))
                .invoke(opened -> Log.infof("chatId=%s opened pull request #%d on %s", workspace.chatId(),
                        opened.number(), remote.repository()));
    }

    public Uni<PullRequestView> refresh(UUID chatId, Caller caller) {
        return refresh(chatId, caller.tenantId()).map(pullRequest -> viewOf(chatId, pullRequest));
    }

    /** Reads the state of the chat's pull request from GitHub, and records and announces a change. */
    public Uni<PullRequest> refresh(UUID chatId, String tenant) {
        return store.pullRequest(chatId, tenant).chain(pullRequest -> {
            if (pullRequest == null) {
                throw ProblemException.notFound("Pull request of chat", chatId);
            }
            return store.remote(pullRequest.projectId(), tenant)
                    .chain(remote -> github.pullRequest(pullRequest.repository(),
                            tokenOf(connected(remote, pullRequest.projectId())), pullRequest.number()))
                    .chain(seen -> store.recordState(chatId, tenant, pullRequest.number(), seen.switchboardState()));
        });
    }

    /**
     * Closes the chat's open pull request on GitHub when its project asks for that on archiving. A failure leaves the
     * pull request open and is logged: the archive itself stands, and the periodic refresh keeps the state true.
     */
    public Uni<Void> closeOnArchive(UUID chatId, String tenant, UUID projectId) {
        return workspaces.closesPullRequestsOnArchive(projectId, tenant).chain(close -> !close
                ? Uni.createFrom().voidItem()
                : store.pullRequest(chatId, tenant).chain(pullRequest -> {
                    if (pullRequest == null || !PullRequestUpdated.OPEN.equals(pullRequest.state())) {
                        return Uni.createFrom().voidItem();
                    }
                    return store.remote(projectId, tenant)
                            .chain(remote -> github.close(pullRequest.repository(), tokenOf(connected(remote,
                                    projectId)), pullRequest.number()))
                            .chain(closed -> store.recordState(chatId, tenant, pullRequest.number(),
                                    closed.switchboardState()))
                            .invoke(() -> Log.infof("chatId=%s archived: pull request #%d closed", chatId,
                                    pullRequest.number()))
                            .replaceWithVoid();
                }))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("chatId=%s archived, but its pull request could not be closed: %s", chatId,
                            failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Fetches the head of the project's open pull request {@code number} into the project repository, for a chat to
     * start from; answers its commit. A pull request that is not open is a {@link GitFailure}.
     */
    public Uni<String> fetchHead(UUID projectId, String tenant, int number) {
        return store.remote(projectId, tenant).chain(found -> {
            ProjectGitHub remote = connected(found, projectId);
            String token = tokenOf(remote);
            return github.pullRequest(remote.repository(), token, number).chain(seen -> {
                if (!PullRequestUpdated.OPEN.equals(seen.switchboardState())) {
                    throw new GitFailure("pull request #" + number + " is " + seen.switchboardState());
                }
                return git.run(() -> remoteBranches.fetchPullRequest(projectId, remoteUrl(remote), token, number));
            });
        });
    }

    private String remoteUrl(ProjectGitHub remote) {
        return config.github().gitUrl().replaceAll("/+$", "") + "/" + remote.repository() + ".git";
    }

    private String tokenOf(ProjectGitHub remote) {
        try {
            return seal.open(remote.sealedToken());
        } catch (IllegalStateException e) {
            throw new ProblemException(422, GitHubProblemMapper.TOKEN_REJECTED, "GitHub token unreadable",
                    "The project's GitHub token can no longer be read (the service's token key changed); connect "
                            + "the project to GitHub again");
        }
    }

    private static ProjectGitHub connected(ProjectGitHub remote, UUID projectId) {
        if (remote == null) {
            throw new ProblemException(409, NO_GITHUB, "No GitHub repository",
                    "Project " + projectId + " is not connected to a GitHub repository; connect it first");
        }
        return remote;
    }

    private static Throwable pushProblem(Throwable failure) {
        if (failure instanceof PushFailure pushFailure) {
            return switch (pushFailure.kind()) {
                case UNAUTHORIZED -> new ProblemException(422, GitHubProblemMapper.TOKEN_REJECTED,
                        "GitHub refused the token", "GitHub refused the project's token for the push; connect the "
                                + "project to GitHub again with a token that may push");
                case REJECTED -> new ProblemException(409, PUSH_REJECTED, "Push rejected", failure.getMessage());
                case UNREACHABLE -> GitHubProblemMapper.unavailable("GitHub could not be reached for the push");
            };
        }
        return ProblemException.conflict(failure.getMessage());
    }

    private static OpenPullRequest checked(OpenPullRequest request) {
        if (request == null || request.title() == null || request.title().isBlank()) {
            throw ProblemException.badRequest("A body {\"title\", \"body\"?} with a non-blank title is required");
        }
        if (request.title().length() > MAX_TITLE || request.title().chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("title must be one line of at most " + MAX_TITLE + " characters");
        }
        if (request.body() != null && request.body().length() > MAX_BODY) {
            throw ProblemException.badRequest("body must be at most " + MAX_BODY + " characters");
        }
        // Half a character or a NUL would reach GitHub's JSON and the pull_request table as it came.
        TextRules.problem(request.title()).ifPresent(problem -> {
            throw ProblemException.badRequest("title " + problem);
        });
        TextRules.problem(request.body()).ifPresent(problem -> {
            throw ProblemException.badRequest("body " + problem);
        });
        return new OpenPullRequest(request.title().strip(), request.body());
    }

    private static PullRequestView viewOf(UUID chatId, PullRequest pullRequest) {
        if (pullRequest == null) {
            throw ProblemException.notFound("Pull request of chat", chatId);
        }
        return new PullRequestView(pullRequest.repository(), pullRequest.number(), pullRequest.url(),
                pullRequest.title(), pullRequest.branch(), pullRequest.baseBranch(), pullRequest.state(),
                pullRequest.openedAt(), pullRequest.checkedAt());
    }
}
