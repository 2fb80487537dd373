package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * A project's repository and the one it was imported from. Another tenant's project answers 404 like a missing
 * one.
 */
@Path("/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectImportApi {

    /**
     * Starts importing an existing repository into the project, in the background (202): its branches and tags
     * become the project's, its default branch the project's default branch, and the project's chats start from
     * it. Only a project whose repository has no history of its own yet (every branch at the initial commit).
     */
    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<ImportStatus>> startImport(@PathParam("projectId") String projectId, ImportRequest request);

    /** Where the project's latest import stands. */
    @GET
    @Path("/import")
    Uni<ImportStatus> importStatus(@PathParam("projectId") String projectId);

    /**
     * Fetches the repository the project was imported from again: branches it moved on are fast-forwarded, new
     * ones created, ones that went their own way here reported and left alone; chats' branches never move.
     */
    @POST
    @Path("/fetch")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<FetchResult> fetch(@PathParam("projectId") String projectId, FetchRequest request);
}
