package io.switchboard.workspace.rest;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.workspace.repository.Workspace;

/** A chat's workspace as clients see it; {@code failureReason} only when the status is FAILED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceView(String chatId, UUID projectId, String branch, String headCommit, String status,
        String failureReason) {

    public static WorkspaceView of(Workspace workspace) {
        return new WorkspaceView(workspace.chatId().toString(), workspace.projectId(), workspace.branch(),
                workspace.headCommit(), workspace.status().name(), workspace.failureReason());
    }
}
