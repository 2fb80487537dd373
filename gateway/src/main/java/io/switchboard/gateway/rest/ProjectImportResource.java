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
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.ProjectImportClient;
import io.switchboard.gateway.client.SessionProjectsClient;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.FetchRequest;
import io.switchboard.workspace.api.FetchResult;
import io.switchboard.workspace.api.ImportRequest;
import io.switchboard.workspace.api.ImportStatus;

/**
 * Importing an existing repository into a project, and fetching it again later. session-service says first
 * whether the caller may see the project; git-workspace-service then checks the source and does the work.
 */
@Path("/api/projects/{projectId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
public class ProjectImportResource {

    private final SessionProjectsClient projects;
    private final ProjectImportClient imports;

    public ProjectImportResource(@RestClient SessionProjectsClient projects, @RestClient ProjectImportClient imports) {
        this.projects = projects;
        this.imports = imports;
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import an existing repository into a new project",
            description = "Exactly one of url (https; no credentials in it, no address on an internal network) with "
                    + "an optional access token, or path (a repository in a directory the server allows). Runs in "
                    + "the background: its branches and tags become the project's, its default branch (or branch) "
                    + "the project's default branch, and the project's chats start from it. Progress shows here and "
                    + "as RepositoryImport on each chat's workspace stream. The token is never stored or returned. "
                    + "409 when the project already has history of its own or an import is running.")
    @APIResponse(responseCode = "202", description = "The import started")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<ImportStatus>> start(@PathParam("projectId") UUID projectId, ImportRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("A body {\"url\" or \"path\", \"token\"?, \"branch\"?} is required");
        }
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> imports.startImport(projectId.toString(), body))
                .map(started -> RestResponse.accepted(started.getEntity()));
    }

    @GET
    @Path("/import")
    @Operation(summary = "Where the project's latest repository import stands",
            description = "state cloning (with git's phase and percent), imported (with the new default branch and "
                    + "its head) or failed (with the reason; start it again to retry).")
    @APIResponse(responseCode = "200", description = "The import's status")
    @APIResponse(ref = "NotFound")
    public Uni<ImportStatus> status(@PathParam("projectId") UUID projectId) {
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> DownstreamReads.retried(imports.importStatus(projectId.toString())));
    }

    @POST
    @Path("/fetch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch the repository the project was imported from again",
            description = "Branches the source moved on are fast-forwarded, new ones created, new tags added; a "
                    + "branch that went its own way here (a local merge into it) is reported as diverged and left "
                    + "alone, and chats' branches never move. New chats then start from the updated default branch. "
                    + "The body may name the source's access token again: it is not kept from the import. 409 for "
                    + "a project that was not imported.")
    @APIResponse(responseCode = "200", description = "What the fetch did to the project's branches")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<FetchResult> fetch(@PathParam("projectId") UUID projectId, FetchRequest body) {
        return DownstreamReads.retried(projects.getProject(projectId))
                .chain(project -> imports.fetch(projectId.toString(), body == null ? new FetchRequest(null) : body));
    }
}
