package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * The GitHub repository a project's chats open pull requests on, with the access token to do it. The token is
 * stored encrypted and never returned, logged or published.
 */
@Path("/projects/{projectId}/github")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectGitHubApi {

    /** The project's GitHub repository; 404 when it has none. */
    @GET
    Uni<GitHubRemote> remote(@PathParam("projectId") String projectId);

    /**
     * Connects the project to a GitHub repository, or replaces its repository or token. GitHub is asked first: a
     * token it refuses or a repository it does not show is refused with 422, and nothing is stored.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GitHubRemote> connect(@PathParam("projectId") String projectId, GitHubRemoteRequest request);

    /** Forgets the project's repository and token; pull requests already open stay open on GitHub. */
    @DELETE
    Uni<Void> disconnect(@PathParam("projectId") String projectId);
}
