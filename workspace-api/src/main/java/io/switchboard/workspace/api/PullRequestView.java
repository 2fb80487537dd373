package io.switchboard.workspace.api;

import java.time.Instant;

/**
 * A chat's pull request as last seen on GitHub.
 *
 * @param repository the GitHub repository, {@code owner/name}
 * @param url        the pull request's page on GitHub
 * @param state      {@code open}, {@code closed} (without being merged) or {@code merged}
 * @param checkedAt  when its state was last read from GitHub
 */
public record PullRequestView(String repository, int number, String url, String title, String branch,
        String baseBranch, String state, Instant openedAt, Instant checkedAt) {
}
