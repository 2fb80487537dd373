package io.switchboard.workspace.api;

import java.util.List;

/**
 * What fetching the source again did to the project's branches.
 *
 * @param created  branches the source has that the project did not
 * @param updated  branches fast-forwarded to the source's head
 * @param diverged branches that went their own way here and were left alone
 * @param defaultBranch the project's default branch, and {@code headCommit} its head now
 */
public record FetchResult(String projectId, String source, List<String> created, List<String> updated,
        List<String> diverged, String defaultBranch, String headCommit) {
}
