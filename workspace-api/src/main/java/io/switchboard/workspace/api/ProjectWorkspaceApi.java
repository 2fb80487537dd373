package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** A project's repository across its chats. Another tenant's project answers 404 like a missing one. */
@Path("/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectWorkspaceApi {

    /** The files changed in more than one of the project's chats against the default branch. */
    @GET
    @Path("/conflicts")
    Uni<ConflictRadar> conflicts(@PathParam("projectId") String projectId);

    /**
     * The project's branches in name order, each with its head commit and last commit time.
     *
     * @param after a page's {@code next} cursor; absent for the first page
     * @param limit branches per page, 1 to 1000 (default 100)
     */
    @GET
    @Path("/branches")
    Uni<BranchListing> branches(@PathParam("projectId") String projectId, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit);

    /**
     * Makes an existing branch the project's default branch: new chats branch from it, and chats' diffs, histories
     * and the conflict radar compare against it.
     */
    @PUT
    @Path("/default-branch")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<BranchListing> setDefaultBranch(@PathParam("projectId") String projectId, DefaultBranchRequest request);

    /** How the project's repository treats its chats. */
    @GET
    @Path("/settings")
    Uni<WorkspaceSettings> settings(@PathParam("projectId") String projectId);

    /** Changes how the project's repository treats its chats; every field is required. */
    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<WorkspaceSettings> updateSettings(@PathParam("projectId") String projectId, WorkspaceSettings settings);
}
