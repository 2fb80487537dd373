package io.switchboard.workspace.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.ChatIds;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.WorkspaceQueries;

@Path("/workspaces")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    private final WorkspaceQueries queries;
    private final ActingCaller caller;

    public WorkspaceResource(WorkspaceQueries queries, ActingCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/{chatId}")
    public Uni<WorkspaceView> get(@PathParam("chatId") String chatId) {
        // The caller is read now, while the request is active, not later inside the Uni.
        return queries.owned(parse(chatId), caller.get()).map(WorkspaceView::of);
    }

    @GET
    @Path("/{chatId}/branch")
    public Uni<BranchView> branch(@PathParam("chatId") String chatId) {
        UUID id = parse(chatId);
        return queries.branch(id, caller.get())
                .map(head -> new BranchView(id.toString(), head.branch(), head.commit()));
    }

    static UUID parse(String chatId) {
        String canonical = ChatIds.normalise(chatId);
        if (canonical == null) {
            throw ProblemException.badRequest("chatId is not a UUID");
        }
        return UUID.fromString(canonical);
    }
}
