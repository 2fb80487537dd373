package io.switchboard.events.workspace;

/**
 * The chat was deleted: its working directory is gone, and its branch too unless the project keeps the branches
 * of deleted chats ({@code branchKept}).
 */
public record WorkspaceRemoved(String branch, boolean branchKept) implements WorkspaceEvent {
}
