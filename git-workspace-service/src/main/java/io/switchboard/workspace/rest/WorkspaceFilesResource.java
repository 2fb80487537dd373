package io.switchboard.workspace.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.files.FileContent;
import io.switchboard.workspace.files.FileListing;
import io.switchboard.workspace.files.FileWritten;
import io.switchboard.workspace.files.SearchQuery;
import io.switchboard.workspace.files.SearchResult;
import io.switchboard.workspace.git.WorkspaceDiff;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.CommitResult;
import io.switchboard.workspace.service.WorkspaceTools;

/**
 * The chat's working directory, for the agent tools: files, search, diff and commit. Scoped to the
 * chat and its tenant; another tenant's chat answers 404 like a missing one.
 */
@Path("/workspaces/{chatId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceFilesResource {

    private final WorkspaceTools tools;
    private final ActingCaller caller;

    public WorkspaceFilesResource(WorkspaceTools tools, ActingCaller caller) {
        this.tools = tools;
        this.caller = caller;
    }

    @GET
    @Path("/files")
    public Uni<FileListing> list(@PathParam("chatId") String chatId, @QueryParam("path") String path,
            @QueryParam("recursive") @DefaultValue("false") boolean recursive, @QueryParam("limit") Integer limit) {
        return tools.list(WorkspaceResource.parse(chatId), caller.get(), path, recursive, limit);
    }

    @GET
    @Path("/file")
    public Uni<FileContent> read(@PathParam("chatId") String chatId, @QueryParam("path") String path,
            @QueryParam("fromLine") Integer fromLine, @QueryParam("maxLines") Integer maxLines) {
        return tools.read(WorkspaceResource.parse(chatId), caller.get(), path, fromLine, maxLines);
    }

    @PUT
    @Path("/file")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<FileWritten> write(@PathParam("chatId") String chatId, WriteFileRequest body) {
        UUID id = WorkspaceResource.parse(chatId);
        if (body == null) {
            throw ProblemException.badRequest("A body {\"path\", \"content\"} is required");
        }
        return tools.write(id, caller.get(), body.path(), body.content());
    }

    @GET
    @Path("/search")
    public Uni<SearchResult> search(@PathParam("chatId") String chatId, @QueryParam("query") String query,
            @QueryParam("regex") @DefaultValue("false") boolean regex,
            @QueryParam("ignoreCase") @DefaultValue("false") boolean ignoreCase, @QueryParam("glob") String glob,
            @QueryParam("path") String path, @QueryParam("maxResults") Integer maxResults) {
        return tools.search(WorkspaceResource.parse(chatId), caller.get(),
                new SearchQuery(query, regex, ignoreCase, glob, path, maxResults));
    }

    @GET
    @Path("/diff")
    public Uni<WorkspaceDiff> diff(@PathParam("chatId") String chatId,
            @QueryParam("againstDefault") @DefaultValue("false") boolean againstDefault) {
        return tools.diff(WorkspaceResource.parse(chatId), caller.get(), againstDefault);
    }

    @POST
    @Path("/commits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CommitResult> commit(@PathParam("chatId") String chatId, CommitRequest body) {
        UUID id = WorkspaceResource.parse(chatId);
        if (body == null) {
            throw ProblemException.badRequest("A body {\"message\", \"turnId\"?} is required");
        }
        return tools.commit(id, caller.get(), body.message(), body.turnId());
    }
}
