package io.switchboard.workspace.api;

/**
 * How to merge a chat's branch into the project's default branch.
 *
 * @param strategy {@code merge} (the default: a fast-forward when the default branch has not moved on, a merge
 *                 commit otherwise) or {@code fast-forward} (only a fast-forward)
 * @param dryRun   true to only find out what would happen: nothing is written
 */
public record MergeRequest(String strategy, boolean dryRun) {
}
