package io.switchboard.workspace.api;

/**
 * Connects a project to a GitHub repository.
 *
 * @param repository {@code owner/name}, as in the repository's URL
 * @param token      a GitHub access token that may push to the repository and open pull requests on it
 */
public record GitHubRemoteRequest(String repository, String token) {
}
