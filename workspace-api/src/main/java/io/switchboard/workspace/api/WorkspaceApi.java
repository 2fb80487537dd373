package io.switchboard.workspace.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * A chat's workspace as git-workspace-service keeps it. Every call carries a bearer token; a user's token reaches
 * only its own tenant's chats, and another tenant's chat answers 404 like a missing one.
 */
@Path("/workspaces/{chatId}")
@Produces(MediaType.APPLICATION_JSON)
public interface WorkspaceApi {

    @GET
    Uni<WorkspaceView> workspace(@PathParam("chatId") String chatId);

    /** The chat's branch as git has it now: moves ahead of the workspace's stored head as the chat commits. */
    @GET
    @Path("/branch")
    Uni<BranchView> branch(@PathParam("chatId") String chatId);

    /**
     * The commits of the chat's branch that the project's default branch has not, newest first, each with the
     * turn that made it, and how far the two branches have moved apart.
     *
     * @param after a page's {@code next} cursor; absent for the newest commits
     * @param limit commits per page, 1 to 200 (default 50)
     */
    /**
     * How another chat's work differs from this chat's, for comparing what two agents did: the files and patch
     * from this chat's branch head to the other's. Both chats must belong to the caller and to one project.
     */
    @GET
    @Path("/compare/{otherChatId}")
    Uni<WorkspaceComparison> compare(@PathParam("chatId") String chatId, @PathParam("otherChatId") String otherChatId);

    @GET
    @Path("/commits")
    Uni<CommitPage> commits(@PathParam("chatId") String chatId, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit);
}
