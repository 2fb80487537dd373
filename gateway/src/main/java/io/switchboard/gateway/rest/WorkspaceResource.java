package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
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
import io.switchboard.gateway.client.WorkspaceServiceClient;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.workspace.api.BranchView;
import io.switchboard.workspace.api.WorkspaceView;

/**
 * A chat's git workspace, from git-workspace-service. The gateway checks ownership first, so another
 * tenant's chat never reaches the backing service; that service checks the propagated token again.
 */
@Path("/api/chats/{chatId}/workspace")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
public class WorkspaceResource {

    private final WorkspaceServiceClient workspaces;
    private final ChatDirectory directory;
    private final CurrentCaller caller;

    public WorkspaceResource(@RestClient WorkspaceServiceClient workspaces, ChatDirectory directory,
            CurrentCaller caller) {
        this.workspaces = workspaces;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The chat's workspace",
            description = "Its branch, head commit and status (PENDING, READY, FAILED, with failureReason).")
    @APIResponse(responseCode = "200", description = "The workspace")
    @APIResponse(ref = "NotFound")
    public Uni<WorkspaceView> workspace(@PathParam("chatId") UUID chatId) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId).chain(chat -> workspaces.workspace(chatId.toString()));
    }

    @GET
    @Path("/branch")
    @Operation(summary = "The chat's branch as git has it now",
            description = "Moves ahead of the workspace's stored head as the chat commits.")
    @APIResponse(responseCode = "200", description = "The branch and its head commit")
    @APIResponse(ref = "NotFound")
    public Uni<BranchView> branch(@PathParam("chatId") UUID chatId) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId).chain(chat -> workspaces.branch(chatId.toString()));
    }
}
