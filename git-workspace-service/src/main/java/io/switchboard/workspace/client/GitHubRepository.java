package io.switchboard.workspace.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What GitHub says of a repository, of all it says. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitHubRepository(@JsonProperty("full_name") String fullName,
        @JsonProperty("default_branch") String defaultBranch) {
}
