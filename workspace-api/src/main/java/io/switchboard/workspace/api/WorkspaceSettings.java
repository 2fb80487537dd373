package io.switchboard.workspace.api;

/**
 * How a project's repository treats its chats. In a change, an absent field keeps its value.
 *
 * @param keepBranchesOnDelete       a deleted chat's branch stays in the repository (default false: it is deleted
 *                                   with the chat's working directory)
 * @param closePullRequestsOnArchive archiving a chat closes its open pull request on GitHub (default false)
 */
public record WorkspaceSettings(Boolean keepBranchesOnDelete, Boolean closePullRequestsOnArchive) {

    /** Whether a change names no setting at all. */
    public boolean changesNothing() {
        return keepBranchesOnDelete == null && closePullRequestsOnArchive == null;
    }
}
