package io.switchboard.workspace.api;

import java.time.Instant;

/**
 * Where a project's repository import stands: {@code cloning} (with git's current {@code phase} and its
 * {@code percent} when git knows it), {@code imported} (with the new default branch and its head) or {@code failed}
 * (with the {@code reason}; start it again to retry).
 */
public record ImportStatus(String projectId, String source, String branch, String state, String phase,
        Integer percent, String reason, String defaultBranch, String headCommit, Instant startedAt,
        Instant updatedAt) {
}
