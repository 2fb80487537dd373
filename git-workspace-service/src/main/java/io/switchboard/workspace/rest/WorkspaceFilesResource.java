package io.switchboard.workspace.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.CommitRequest;
import io.switchboard.workspace.api.CommitResult;
import io.switchboard.workspace.api.FileContent;
import io.switchboard.workspace.api.FileListing;
import io.switchboard.workspace.api.FileWritten;
import io.switchboard.workspace.api.SearchResult;
import io.switchboard.workspace.api.WorkspaceDiff;
import io.switchboard.workspace.api.WorkspaceFilesApi;
import io.switchboard.workspace.api.WriteFileRequest;
import io.switchboard.workspace.files.SearchQuery;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.WorkspaceTools;

/**
 * The chat's working directory, for the agent tools: files, search, diff and commit. Scoped to the chat and its
 * tenant; another tenant's chat answers 404 like a missing one. The acting tenant the contract passes in is read
 * by {@link ActingCaller}, which also decides whether the token may name one.
 */
@Authenticated
public class WorkspaceFilesResource implements WorkspaceFilesApi {

    private final WorkspaceTools tools;
    private final ActingCaller caller;

    public WorkspaceFilesResource(WorkspaceTools tools, ActingCaller caller) {
        this.tools = tools;
        this.caller = caller;
    }

    @Override
    public Uni<FileListing> list(String actingTenant, String chatId, String path, boolean recursive, Integer limit) {
        return tools.list(WorkspaceResource.parse(chatId), caller.get(), path, recursive, limit);
    }

    @Override
    public Uni<FileContent> read(String actingTenant, String chatId, String path, Integer fromLine,
            Integer maxLines) {
        return tools.read(WorkspaceResource.parse(chatId), caller.get(), path, fromLine, maxLines);
    }

    @Override
    public Uni<FileWritten> write(String actingTenant, String chatId, WriteFileRequest body) {
        UUID id = WorkspaceResource.parse(chatId);
        if (body == null) {
            throw ProblemException.badRequest("A body {\"path\", \"content\"} is required");
        }
        return tools.write(id, caller.get(), body.path(), body.content());
    }

    @Override
    public Uni<SearchResult> search(String actingTenant, String chatId, String query, boolean regex,
            boolean ignoreCase, String glob, String path, Integer maxResults) {
        return tools.search(WorkspaceResource.parse(chatId), caller.get(),
                new SearchQuery(query, regex, ignoreCase, glob, path, maxResults));
    }

    @Override
    public Uni<WorkspaceDiff> diff(String actingTenant, String chatId, boolean againstDefault) {
        return tools.diff(WorkspaceResource.parse(chatId), caller.get(), againstDefault);
    }

    @Override
    public Uni<CommitResult> commit(String actingTenant, String chatId, CommitRequest body) {
        UUID id = WorkspaceResource.parse(chatId);
        if (body == null) {
            throw ProblemException.badRequest("A body {\"message\", \"turnId\"?} is required");
        }
        return tools.commit(id, caller.get(), body.message(), body.turnId());
    }
}
