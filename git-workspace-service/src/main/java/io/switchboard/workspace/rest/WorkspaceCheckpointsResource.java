package io.switchboard.workspace.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.MergeRequest;
import io.switchboard.workspace.api.MergeResult;
import io.switchboard.workspace.api.RestoreRequest;
import io.switchboard.workspace.api.RestoreResult;
import io.switchboard.workspace.api.WorkspaceCheckpointsApi;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.WorkspaceHistory;

/** Restoring an earlier commit of a chat's branch and merging the branch into the default branch. */
@Authenticated
public class WorkspaceCheckpointsResource implements WorkspaceCheckpointsApi {

    private final WorkspaceHistory history;
    private final ActingCaller caller;

    public WorkspaceCheckpointsResource(WorkspaceHistory history, ActingCaller caller) {
        this.history = history;
        this.caller = caller;
    }

    @Override
    public Uni<RestoreResult> restore(String chatId, RestoreRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A body {\"commit\"} is required");
        }
        return history.restore(WorkspaceResource.parse(chatId), caller.get(), request.commit());
    }

    @Override
    public Uni<MergeResult> merge(String chatId, MergeRequest request) {
        UUID id = WorkspaceResource.parse(chatId);
        return history.merge(id, caller.get(), request == null ? new MergeRequest(null, false) : request);
    }
}
