package io.switchboard.workspace.api;

/**
 * A pull request to open from a chat's branch.
 *
 * @param title the pull request's title, 1 to 256 characters
 * @param body  its description in Markdown, up to 65,536 characters; may be absent
 */
public record OpenPullRequest(String title, String body) {
}
