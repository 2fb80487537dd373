package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.ProjectWorkspaceClient;
import io.switchboard.gateway.client.SessionProjectsClient;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.BranchListing;
import io.switchboard.workspace.api.ConflictRadar;
import io.switchboard.workspace.api.DefaultBranchRequest;
import io.switchboard.workspace.api.WorkspaceSettings;

/**
 * A project's repository across its chats: its branches, its default branch, the conflict radar and its settings.
 * session-service says first whether the caller may see the project; git-workspace-service then answers.
 */
@Path("/api/projects/{projectId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
public class ProjectWorkspaceResource {

    private final SessionProjectsClient projects;
    private final ProjectWorkspaceClient workspaces;

    public ProjectWorkspaceResource(@RestClient SessionProjectsClient projects,
            @RestClient ProjectWorkspaceClient workspaces) {
        this.projects = projects;
        this.workspaces = workspaces;
    }

    @GET
    @Path("/conflicts")
    @Operation(summary = "Files that more than one of the project's chats changed",
            description = "For every chat with a ready workspace, the files its branch changed against the merge-base "
                    + "with the default branch (committed work); the files changed in two chats or more, each with "
                    + "its chats, so a coming merge conflict shows before anyone merges.")
    @APIResponse(responseCode = "200", description = "The project's overlapping changes")
    @APIResponse(ref = "NotFound")
    public Uni<ConflictRadar> conflicts(@PathParam("projectId") UUID projectId) {
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> workspaces.conflicts(projectId.toString()));
    }

    @GET
    @Path("/branches")
    @Operation(summary = "The project's branches",
            description = "In name order, each with its head commit, last commit time and whether it is the default "
                    + "branch. Page with limit (1-1000, default 100) and the page's next cursor as after.")
    @APIResponse(responseCode = "200", description = "A page of branches")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<BranchListing> branches(@PathParam("projectId") UUID projectId, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit) {
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> workspaces.branches(projectId.toString(), after, limit));
    }

    @PUT
    @Path("/default-branch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an existing branch the project's default branch",
            description = "New chats branch from it; chats' diffs, histories and the conflict radar compare against "
                    + "it. 400 for a branch the project does not have.")
    @APIResponse(responseCode = "200", description = "The branches, with the new default")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<BranchListing> setDefaultBranch(@PathParam("projectId") UUID projectId, DefaultBranchRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("A body {\"branch\"} is required");
        }
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> workspaces.setDefaultBranch(projectId.toString(), body));
    }

    @GET
    @Path("/workspace-settings")
    @Operation(summary = "How the project's repository treats its chats",
            description = "keepBranchesOnDelete: whether a deleted chat's branch stays in the repository; "
                    + "closePullRequestsOnArchive: whether archiving a chat closes its open pull request on GitHub.")
    @APIResponse(responseCode = "200", description = "The project's workspace settings")
    @APIResponse(ref = "NotFound")
    public Uni<WorkspaceSettings> settings(@PathParam("projectId") UUID projectId) {
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> workspaces.settings(projectId.toString()));
    }

    @PUT
    @Path("/workspace-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change how the project's repository treats its chats",
            description = "With keepBranchesOnDelete true, deleting a chat commits what its working directory left "
                    + "uncommitted, removes the directory and keeps the branch; false (the default) deletes the branch "
                    + "too. With closePullRequestsOnArchive true, archiving a chat closes its open pull request. An "
                    + "absent field keeps its value; at least one is required.")
    @APIResponse(responseCode = "200", description = "The settings now in force")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<WorkspaceSettings> updateSettings(@PathParam("projectId") UUID projectId, WorkspaceSettings body) {
        if (body == null || body.changesNothing()) {
            throw ProblemException.badRequest("A body with keepBranchesOnDelete or closePullRequestsOnArchive "
                    + "(true|false) is required");
        }
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> workspaces.updateSettings(projectId.toString(), body));
    }
}
