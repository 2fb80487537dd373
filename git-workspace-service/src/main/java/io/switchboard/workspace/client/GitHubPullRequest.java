package io.switchboard.workspace.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.switchboard.events.workspace.PullRequestUpdated;

/** What GitHub says of a pull request, of all it says. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitHubPullRequest(int number, @JsonProperty("html_url") String htmlUrl, String state, String title,
        @JsonProperty("merged_at") String mergedAt) {

    /** GitHub's state, with merged told apart from closed: a merged pull request is closed with a merge time. */
    public String switchboardState() {
        if (mergedAt != null) {
            return PullRequestUpdated.MERGED;
        }
        return "open".equals(state) ? PullRequestUpdated.OPEN : PullRequestUpdated.CLOSED;
    }
}
