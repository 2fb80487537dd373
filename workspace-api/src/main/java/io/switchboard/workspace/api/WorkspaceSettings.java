package io.switchboard.workspace.api;

/**
 * How a project's repository treats its chats.
 *
 * @param keepBranchesOnDelete a deleted chat's branch stays in the repository (default false: it is deleted with
 *         the chat's working directory)
 */
public record WorkspaceSettings(Boolean keepBranchesOnDelete) {
}
