package io.switchboard.workspace.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** GitHub's request to open a pull request from {@code head} into {@code base}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitHubNewPullRequest(String title, String body, String head, String base) {
}
