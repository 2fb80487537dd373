package io.switchboard.workspace.api;

/**
 * Fetching a project's source repository again.
 *
 * @param token the access token for the source URL, if it needs one; never stored, logged or returned
 */
public record FetchRequest(String token) {
}
