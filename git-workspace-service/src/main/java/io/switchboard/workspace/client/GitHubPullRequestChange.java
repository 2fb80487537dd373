package io.switchboard.workspace.client;

/** GitHub's request to change a pull request; only its state, here. */
public record GitHubPullRequestChange(String state) {

    public static GitHubPullRequestChange close() {
        return new GitHubPullRequestChange("closed");
    }
}
