package io.switchboard.workspace.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.ChatIds;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.BranchView;
import io.switchboard.workspace.api.CommitPage;
import io.switchboard.workspace.api.WorkspaceApi;
import io.switchboard.workspace.api.WorkspaceComparison;
import io.switchboard.workspace.api.WorkspaceView;
import io.switchboard.workspace.mapping.WorkspaceMapper;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.WorkspaceHistory;
import io.switchboard.workspace.service.WorkspaceQueries;

@Authenticated
public class WorkspaceResource implements WorkspaceApi {

    private final WorkspaceQueries queries;
    private final WorkspaceHistory history;
    private final ActingCaller caller;

    public WorkspaceResource(WorkspaceQueries queries, WorkspaceHistory history, ActingCaller caller) {
        this.queries = queries;
        this.history = history;
        this.caller = caller;
    }

    @Override
    public Uni<WorkspaceView> workspace(String chatId) {
        // The caller is read now, while the request is active, not later inside the Uni.
        return queries.owned(parse(chatId), caller.get()).map(WorkspaceMapper::toView);
    }

    @Override
    public Uni<BranchView> branch(String chatId) {
        UUID id = parse(chatId);
        return queries.branch(id, caller.get())
                .map(head -> new BranchView(id.toString(), head.branch(), head.commit()));
    }

    @Override
    public Uni<WorkspaceComparison> compare(String chatId, String otherChatId) {
        return history.compare(parse(chatId), parse(otherChatId), caller.get());
    }

    @Override
    public Uni<CommitPage> commits(String chatId, String after, Integer limit) {
        return history.commits(parse(chatId), caller.get(), after, limit);
    }

    static UUID parse(String chatId) {
        return parse("chatId", chatId);
    }

    /** A chat's or project's id from the path: a UUID in canonical form, else a 400 naming the field. */
    static UUID parse(String field, String id) {
        String canonical = ChatIds.normalise(id);
        if (canonical == null) {
            throw ProblemException.badRequest(field + " is not a UUID");
        }
        return UUID.fromString(canonical);
    }
}
