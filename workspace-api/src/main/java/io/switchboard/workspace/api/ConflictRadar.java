package io.switchboard.workspace.api;

import java.util.List;

/**
 * A project's coming merge conflicts: the files changed (committed, against the merge-base with the default branch)
 * in more than one of its chats, so users see them before anyone merges.
 *
 * @param chats     how many chats with a ready workspace were looked at
 * @param conflicts the files, in path order, each with its chats
 */
public record ConflictRadar(String projectId, String defaultBranch, int chats, List<FileConflict> conflicts) {
}
