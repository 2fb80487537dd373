package io.switchboard.events.workspace;

import io.switchboard.events.EventPayload;

/** A pull request (or a local merge request) was opened from the chat's branch. */
public record PullRequestOpened(String branch, String targetBranch, int number, String url) implements EventPayload {
}
