package io.switchboard.workspace.api;

/** Which existing branch becomes the project's default branch. */
public record DefaultBranchRequest(String branch) {
}
