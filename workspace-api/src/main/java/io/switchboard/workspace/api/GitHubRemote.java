package io.switchboard.workspace.api;

import java.time.Instant;

/**
 * A project's GitHub repository. The token it was connected with is never part of it.
 *
 * @param repository    {@code owner/name}
 * @param defaultBranch the repository's default branch on GitHub when it was connected
 */
public record GitHubRemote(String repository, String defaultBranch, Instant connectedAt) {
}
