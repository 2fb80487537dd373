package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.ProjectGitHubClient;
import io.switchboard.gateway.client.SessionProjectsClient;
import io.switchboard.gateway.service.ProjectRoles;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.workspace.api.GitHubRemote;
import io.switchboard.workspace.api.GitHubRemoteRequest;

/**
 * The GitHub repository a project's chats open pull requests on. Anyone who may see the project may read which it
 * is; connecting and disconnecting it needs a project editor.
 */
@Path("/api/projects/{projectId}/github")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
public class ProjectGitHubResource {

    private final SessionProjectsClient projects;
    private final ProjectGitHubClient github;
    private final ProjectRoles roles;
    private final CurrentCaller caller;

    public ProjectGitHubResource(@RestClient SessionProjectsClient projects, @RestClient ProjectGitHubClient github,
            ProjectRoles roles, CurrentCaller caller) {
        this.projects = projects;
        this.github = github;
        this.roles = roles;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The project's GitHub repository",
            description = "Its owner/name and GitHub's default branch when it was connected; never the token. 404 "
                    + "when the project has none.")
    @APIResponse(responseCode = "200", description = "The repository")
    @APIResponse(ref = "NotFound")
    public Uni<GitHubRemote> remote(@PathParam("projectId") UUID projectId) {
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> github.remote(projectId.toString()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect the project to a GitHub repository",
            description = "repository as owner/name and an access token that may push to it and open pull requests. "
                    + "GitHub is asked first: a token it refuses (422 github-token-rejected) or a repository it does "
                    + "not show (422 github-not-found) stores nothing. The token is kept encrypted and never "
                    + "returned, logged or published.")
    @APIResponse(responseCode = "200", description = "The repository, connected")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<GitHubRemote> connect(@PathParam("projectId") UUID projectId, GitHubRemoteRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A body {\"repository\": \"owner/name\", \"token\"} is required");
        }
        return roles.requireEditor(caller.get(), caller.bearer(), projectId, "connect it to GitHub")
                .chain(() -> github.connect(projectId.toString(), request));
    }

    @DELETE
    @Operation(summary = "Forget the project's GitHub repository and token",
            description = "Pull requests already open stay open on GitHub.")
    @APIResponse(responseCode = "204", description = "Forgotten")
    @APIResponse(ref = "NotFound")
    public Uni<Void> disconnect(@PathParam("projectId") UUID projectId) {
        return roles.requireEditor(caller.get(), caller.bearer(), projectId, "disconnect it from GitHub")
                .chain(() -> github.disconnect(projectId.toString()));
    }
}
