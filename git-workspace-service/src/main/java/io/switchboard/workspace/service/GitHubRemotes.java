package io.switchboard.workspace.service;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.workspace.api.GitHubRemote;
import io.switchboard.workspace.api.GitHubRemoteRequest;
import io.switchboard.workspace.client.GitHub;
import io.switchboard.workspace.repository.ProjectGitHub;
import io.switchboard.workspace.security.TokenSeal;

/**
 * Connecting projects to GitHub repositories. A token is tried on GitHub before it is kept, sealed; it is never
 * returned, logged or published.
 */
@ApplicationScoped
public class GitHubRemotes {

    /** GitHub's own rules: an owner of up to 39 letters, digits and dashes, a name of up to 100 more. */
    private static final Pattern REPOSITORY =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final ProjectWorkspaces projects;
    private final PullRequestStore store;
    private final GitHub github;
    private final TokenSeal seal;

    public GitHubRemotes(ProjectWorkspaces projects, PullRequestStore store, GitHub github, TokenSeal seal) {
        this.projects = projects;
        this.store = store;
        this.github = github;
        this.seal = seal;
    }

    public Uni<GitHubRemote> remote(UUID projectId, Caller caller) {
        return projects.owned(projectId, caller)
                .chain(project -> store.remote(projectId, caller.tenantId()))
                .map(remote -> viewOf(projectId, remote));
    }

    public Uni<GitHubRemote> connect(UUID projectId, Caller caller, GitHubRemoteRequest request) {
        if (request == null || request.repository() == null || request.token() == null) {
            throw ProblemException.badRequest("A body {\"repository\": \"owner/name\", \"token\"} is required");
        }
        String repository = request.repository().endsWith(".git")
                ? request.repository().substring(0, request.repository().length() - 4)
                : request.repository();
        if (!REPOSITORY.matcher(repository).matches() || repository.endsWith("/.") || repository.endsWith("/..")) {
            throw ProblemException.badRequest("repository must be a GitHub repository as owner/name");
        }
        if (!TOKEN.matcher(request.token()).matches()) {
            throw ProblemException.badRequest("token must be 1 to 255 printable characters without spaces");
        }
        return projects.owned(projectId, caller)
                .chain(project -> github.repository(repository, request.token()))
                .chain(found -> store.connect(projectId, caller.tenantId(), repository, found.defaultBranch(),
                        seal.seal(request.token())))
                .invoke(remote -> Log.infof("Project %s: pull requests now go to GitHub repository %s", projectId,
                        repository))
                .map(remote -> viewOf(projectId, remote));
    }

    public Uni<Void> disconnect(UUID projectId, Caller caller) {
        return projects.owned(projectId, caller)
                .chain(project -> store.disconnect(projectId, caller.tenantId()))
                .invoke(had -> {
                    if (!had) {
                        throw ProblemException.notFound("GitHub repository of project", projectId);
                    }
                    Log.infof("Project %s: GitHub repository forgotten", projectId);
                })
                .replaceWithVoid();
    }

    private static GitHubRemote viewOf(UUID projectId, ProjectGitHub remote) {
        if (remote == null) {
            throw ProblemException.notFound("GitHub repository of project", projectId);
        }
        return new GitHubRemote(remote.repository(), remote.defaultBranch(), remote.connectedAt());
    }
}
