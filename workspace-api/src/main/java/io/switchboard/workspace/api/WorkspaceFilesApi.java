package io.switchboard.workspace.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * The chat's working directory, for the agent tools: files, search, diff and commit. A user's token acts for its
 * own tenant and is refused when it names one in {@value #ACTING_TENANT}; a service token made for
 * git-workspace-service (chat-service running tools from Kafka) must name the tenant it acts for in that header.
 */
@Path("/workspaces/{chatId}")
@Produces(MediaType.APPLICATION_JSON)
public interface WorkspaceFilesApi {

    /** The tenant a service token acts for. */
    String ACTING_TENANT = "X-Switchboard-Tenant";

    /** @param path the directory to list, relative to the working directory; empty or absent for its root */
    @GET
    @Path("/files")
    Uni<FileListing> list(@HeaderParam(ACTING_TENANT) String actingTenant, @PathParam("chatId") String chatId,
            @QueryParam("path") String path, @QueryParam("recursive") @DefaultValue("false") boolean recursive,
            @QueryParam("limit") Integer limit);

    @GET
    @Path("/file")
    Uni<FileContent> read(@HeaderParam(ACTING_TENANT) String actingTenant, @PathParam("chatId") String chatId,
            @QueryParam("path") String path, @QueryParam("fromLine") Integer fromLine,
            @QueryParam("maxLines") Integer maxLines);

    @PUT
    @Path("/file")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<FileWritten> write(@HeaderParam(ACTING_TENANT) String actingTenant, @PathParam("chatId") String chatId,
            WriteFileRequest body);

    @GET
    @Path("/search")
    Uni<SearchResult> search(@HeaderParam(ACTING_TENANT) String actingTenant, @PathParam("chatId") String chatId,
            @QueryParam("query") String query, @QueryParam("regex") @DefaultValue("false") boolean regex,
            @QueryParam("ignoreCase") @DefaultValue("false") boolean ignoreCase, @QueryParam("glob") String glob,
            @QueryParam("path") String path, @QueryParam("maxResults") Integer maxResults);

    /** @param againstDefault also the branch's commits since it left the project's default branch */
    @GET
    @Path("/diff")
    Uni<WorkspaceDiff> diff(@HeaderParam(ACTING_TENANT) String actingTenant, @PathParam("chatId") String chatId,
            @QueryParam("againstDefault") @DefaultValue("false") boolean againstDefault);

    @POST
    @Path("/commits")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<CommitResult> commit(@HeaderParam(ACTING_TENANT) String actingTenant, @PathParam("chatId") String chatId,
            CommitRequest body);
}
