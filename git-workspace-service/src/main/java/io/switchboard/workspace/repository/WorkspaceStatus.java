package io.switchboard.workspace.repository;

/** Where a chat's workspace stands. Every change of state is announced on workspace.events. */
public enum WorkspaceStatus {
    /** The chat's branch exists. */
    READY,
    /** The branch could not be created; terminal, the reason was published. */
    FAILED,
    /** The chat was deleted and its branch with it. */
    REMOVED
}
