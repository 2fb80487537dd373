package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.PullRequestClient;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.workspace.api.OpenPullRequest;
import io.switchboard.workspace.api.PullRequestView;

/**
 * A chat's pull request on its project's GitHub repository, from git-workspace-service. The gateway checks the
 * chat is the caller's first; opening one needs a project editor.
 */
@Path("/api/chats/{chatId}/pull-request")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
public class PullRequestResource {

    private final PullRequestClient pullRequests;
    private final ChatDirectory directory;
    private final CurrentCaller caller;

    public PullRequestResource(@RestClient PullRequestClient pullRequests, ChatDirectory directory,
            CurrentCaller caller) {
        this.pullRequests = pullRequests;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The chat's pull request",
            description = "Its repository, number, URL, title, branch, base branch and state (open, closed or "
                    + "merged) as last read from GitHub (checkedAt). 404 when the chat never opened one.")
    @APIResponse(responseCode = "200", description = "The pull request")
    @APIResponse(ref = "NotFound")
    public Uni<PullRequestView> pullRequest(@PathParam("chatId") UUID chatId) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> pullRequests.pullRequest(chatId.toString()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a pull request from the chat's branch",
            description = "Pushes the chat's committed work to the project's GitHub repository and opens a pull "
                    + "request into the project's default branch, with title (1-256 characters, one line) and an "
                    + "optional Markdown body; announced as PullRequestOpened on the chat's workspace stream. 409 when "
                    + "the project has no GitHub repository, the chat has an open pull request, or GitHub refuses "
                    + "the push (push-rejected: a protected branch, say); 422 when GitHub refuses the token or the "
                    + "request; 503 while GitHub's rate limit lasts; 502 when GitHub does not answer.")
    @APIResponse(responseCode = "201", description = "The pull request, opened")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<PullRequestView>> open(@PathParam("chatId") UUID chatId, OpenPullRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A body {\"title\", \"body\"?} is required");
        }
        Caller who = caller.get();
        return directory.resolveToSend(who, caller.bearer(), chatId)
                .chain(chat -> pullRequests.open(chatId.toString(), request))
                .map(opened -> RestResponse.status(RestResponse.Status.CREATED, opened.getEntity()));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Read the pull request's state from GitHub now",
            description = "Open pull requests are also read again every few minutes; a change is announced as "
                    + "PullRequestUpdated, and a merged pull request marks the chat completed.")
    @APIResponse(responseCode = "200", description = "The pull request as GitHub shows it now")
    @APIResponse(ref = "NotFound")
    public Uni<PullRequestView> refresh(@PathParam("chatId") UUID chatId) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> pullRequests.refresh(chatId.toString()));
    }
}
