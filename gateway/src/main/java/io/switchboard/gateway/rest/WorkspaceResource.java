package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.WorkspaceCheckpointsClient;
import io.switchboard.gateway.client.WorkspaceFilesClient;
import io.switchboard.gateway.client.WorkspaceServiceClient;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.workspace.api.BranchView;
import io.switchboard.workspace.api.CommitPage;
import io.switchboard.workspace.api.FileContent;
import io.switchboard.workspace.api.FileListing;
import io.switchboard.workspace.api.MergeRequest;
import io.switchboard.workspace.api.MergeResult;
import io.switchboard.workspace.api.RestoreRequest;
import io.switchboard.workspace.api.RestoreResult;
import io.switchboard.workspace.api.WorkspaceComparison;
import io.switchboard.workspace.api.WorkspaceDiff;
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
    private final WorkspaceFilesClient files;
    private final WorkspaceCheckpointsClient checkpoints;
    private final ChatDirectory directory;
    private final CurrentCaller caller;

    public WorkspaceResource(@RestClient WorkspaceServiceClient workspaces, @RestClient WorkspaceFilesClient files,
            @RestClient WorkspaceCheckpointsClient checkpoints, ChatDirectory directory, CurrentCaller caller) {
        this.workspaces = workspaces;
        this.files = files;
        this.checkpoints = checkpoints;
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

    @GET
    @Path("/commits")
    @Operation(summary = "What the chat's branch did since it left the project's default branch",
            description = "Its commits, newest first, each with the turn that made it (or the commit a restore "
                    + "brought back), and how far the chat's branch and the default branch are apart (ahead, "
                    + "behind). Page with limit (1-200, default 50) and the page's next cursor as after.")
    @APIResponse(responseCode = "200", description = "A page of commits")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<CommitPage> commits(@PathParam("chatId") UUID chatId, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> workspaces.commits(chatId.toString(), after, limit));
    }

    @GET
    @Path("/compare/{otherChatId}")
    @Operation(summary = "How another chat's work differs from this chat's",
            description = "The files and patch from this chat's branch head to the other's, for comparing what two "
                    + "agents did (both chats the caller's, in one project; 409 otherwise).")
    @APIResponse(responseCode = "200", description = "The comparison")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<WorkspaceComparison> compare(@PathParam("chatId") UUID chatId,
            @PathParam("otherChatId") UUID otherChatId) {
        Caller who = caller.get();
        String bearer = caller.bearer();
        return directory.resolve(who, bearer, chatId)
                .chain(chat -> directory.resolve(who, bearer, otherChatId))
                .chain(other -> workspaces.compare(chatId.toString(), otherChatId.toString()));
    }

    @GET
    @Path("/files")
    @Operation(summary = "The files in the chat's working directory",
            description = "A directory's entries (path relative to the working directory; empty for its root), "
                    + "optionally recursive, at most limit of them.")
    @APIResponse(responseCode = "200", description = "The listing")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<FileListing> list(@PathParam("chatId") UUID chatId, @QueryParam("path") String path,
            @QueryParam("recursive") @DefaultValue("false") boolean recursive, @QueryParam("limit") Integer limit) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> files.list(null, chatId.toString(), path, recursive, limit));
    }

    @GET
    @Path("/file")
    @Operation(summary = "A text file of the chat's working directory",
            description = "Its content, or the lines fromLine (1-based) to fromLine + maxLines - 1.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<FileContent> read(@PathParam("chatId") UUID chatId, @QueryParam("path") String path,
            @QueryParam("fromLine") Integer fromLine, @QueryParam("maxLines") Integer maxLines) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> files.read(null, chatId.toString(), path, fromLine, maxLines));
    }

    @GET
    @Path("/diff")
    @Operation(summary = "What the chat changed",
            description = "Its uncommitted changes and, with againstDefault=true, its branch against the merge-base "
                    + "with the project's default branch: the changed files and a unified patch, cut at the "
                    + "service's limit (truncated).")
    @APIResponse(responseCode = "200", description = "The diff")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<WorkspaceDiff> diff(@PathParam("chatId") UUID chatId,
            @QueryParam("againstDefault") @DefaultValue("false") boolean againstDefault) {
        Caller who = caller.get();
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> files.diff(null, chatId.toString(), againstDefault));
    }

    @POST
    @Path("/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Go back to an earlier commit of the chat's branch",
            description = "Brings back the files of {commit} (a full commit id of the chat's branch) as a new commit "
                    + "on top, so no history is lost; announced as Reverted on the chat's workspace stream. 409 "
                    + "while the working directory has uncommitted changes.")
    @APIResponse(responseCode = "200", description = "What the restore did")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestoreResult> restore(@PathParam("chatId") UUID chatId, RestoreRequest request) {
        Caller who = caller.get();
        if (request == null) {
            throw ProblemException.badRequest("A body {\"commit\"} is required");
        }
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> checkpoints.restore(chatId.toString(), request));
    }

    @POST
    @Path("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge the chat's work into the project's default branch",
            description = "A local merge request, for projects without a remote host. strategy 'merge' (default): a "
                    + "fast-forward when possible, a merge commit otherwise; 'fast-forward': only that (409 when the "
                    + "default branch moved on). When files conflict nothing is written and outcome 'conflicts' lists "
                    + "them. dryRun: true only tells what would happen.")
    @APIResponse(responseCode = "200", description = "What the merge did, or would do")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<MergeResult> merge(@PathParam("chatId") UUID chatId, MergeRequest request) {
        Caller who = caller.get();
        MergeRequest body = request == null ? new MergeRequest(null, false) : request;
        return directory.resolve(who, caller.bearer(), chatId)
                .chain(chat -> checkpoints.merge(chatId.toString(), body));
    }
}
