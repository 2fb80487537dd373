package io.switchboard.workspace.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.workspace.api.GitHubRemote;
import io.switchboard.workspace.api.GitHubRemoteRequest;
import io.switchboard.workspace.api.ProjectGitHubApi;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.GitHubRemotes;

/** The GitHub repository a project's chats open pull requests on. */
@Authenticated
public class ProjectGitHubResource implements ProjectGitHubApi {

    private final GitHubRemotes remotes;
    private final ActingCaller caller;

    public ProjectGitHubResource(GitHubRemotes remotes, ActingCaller caller) {
        this.remotes = remotes;
        this.caller = caller;
    }

    @Override
    public Uni<GitHubRemote> remote(String projectId) {
        return remotes.remote(WorkspaceResource.parse("projectId", projectId), caller.get());
    }

    @Override
    public Uni<GitHubRemote> connect(String projectId, GitHubRemoteRequest request) {
        return remotes.connect(WorkspaceResource.parse("projectId", projectId), caller.get(), request);
    }

    @Override
    public Uni<Void> disconnect(String projectId) {
        return remotes.disconnect(WorkspaceResource.parse("projectId", projectId), caller.get());
    }
}
