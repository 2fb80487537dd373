package io.switchboard.workspace.mapping;

import io.switchboard.workspace.api.WorkspaceView;
import io.switchboard.workspace.repository.Workspace;

/** Turns stored workspaces into what the contract returns. */
public final class WorkspaceMapper {

    private WorkspaceMapper() {
    }

    public static WorkspaceView toView(Workspace workspace) {
        return new WorkspaceView(workspace.chatId().toString(), workspace.projectId(), workspace.branch(),
                workspace.headCommit(), workspace.status().name(), workspace.failureReason());
    }
}
