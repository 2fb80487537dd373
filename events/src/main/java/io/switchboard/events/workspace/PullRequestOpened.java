package io.switchboard.events.workspace;

import java.util.UUID;

/**
 * A pull request was opened on the project's remote host from the chat's branch into {@code baseBranch} (the
 * project's default branch when it was opened), after the branch was pushed there. Its state starts as
 * {@link PullRequestUpdated#OPEN}; {@link PullRequestUpdated} follows each later change of state.
 *
 * @param repository the host's name of the repository, {@code owner/name}
 * @param url the pull request's page for people, on the host
 */
public record PullRequestOpened(UUID projectId, String repository, int number, String url, String title,
        String branch, String baseBranch) implements WorkspaceEvent {
}
