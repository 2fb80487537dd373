package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * Changing a chat's branch or the default branch on the user's behalf: going back to an earlier state of the chat's
 * work, and merging it into the default branch. Kept apart from {@link WorkspaceApi}, whose calls are all reads
 * that clients may retry.
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

    /**
     * Merges the chat's committed work into the project's default branch: a fast-forward when possible, else a
     * merge commit, or, when files conflict, nothing at all and the list of conflicting files. With
     * {@code dryRun} nothing is written either way.
     */
    @POST
    @Path("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<MergeResult> merge(@PathParam("chatId") String chatId, MergeRequest request);
}
