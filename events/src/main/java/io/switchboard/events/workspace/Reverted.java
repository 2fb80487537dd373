package io.switchboard.events.workspace;

/**
 * The chat's branch went back to an earlier state: a new commit on top brought back the files of
 * {@code restoredFrom}, an earlier commit of the branch, so no history is lost.
 */
public record Reverted(String branch, String commit, String restoredFrom) implements WorkspaceEvent {
}
