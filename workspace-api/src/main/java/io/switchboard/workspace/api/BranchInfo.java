package io.switchboard.workspace.api;

import java.time.Instant;

/** A branch of a project's repository: its head commit and when that was committed. */
public record BranchInfo(String name, String headCommit, Instant lastCommitTime, boolean isDefault) {
}
