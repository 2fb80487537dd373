package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * The chat's pull request on the project's GitHub repository ({@link ProjectGitHubApi}): opening it pushes the
 * chat's branch and asks GitHub for a pull request into the project's default branch. One pull request per chat at
 * a time; after it is closed or merged, the chat may open another.
 */
@Path("/workspaces/{chatId}/pull-request")
@Produces(MediaType.APPLICATION_JSON)
public interface PullRequestApi {

    /** The chat's latest pull request as last seen on GitHub; 404 when the chat never opened one. */
    @GET
    Uni<PullRequestView> pullRequest(@PathParam("chatId") String chatId);

    /**
     * Pushes the chat's committed work and opens a pull request into the project's default branch; announced as
     * {@code PullRequestOpened} on workspace.events. Refused with 409 when the project has no GitHub repository, the
     * chat already has an open pull request, or GitHub refuses the push (a protected branch, say); 201 when opened.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<PullRequestView>> open(@PathParam("chatId") String chatId, OpenPullRequest request);

    /** Reads the pull request's state from GitHub now; a change is announced as {@code PullRequestUpdated}. */
    @POST
    @Path("/refresh")
    Uni<PullRequestView> refresh(@PathParam("chatId") String chatId);
}
