package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * Going back to an earlier state of a chat's work. Kept apart from {@link WorkspaceApi}, whose calls are all reads
 * that clients may retry: a restore changes the branch.
 */
@Path("/workspaces/{chatId}")
@Produces(MediaType.APPLICATION_JSON)
public interface WorkspaceCheckpointsApi {

    /**
     * Brings back the files of an earlier commit of the chat's branch as a new commit on top, so no history is
     * lost; announced as {@code Reverted} on workspace.events. Refused with 409 while the working directory has
     * uncommitted changes, and with 404 for a commit that is not on the chat's branch.
     */
    @POST
    @Path("/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestoreResult> restore(@PathParam("chatId") String chatId, RestoreRequest request);
}
