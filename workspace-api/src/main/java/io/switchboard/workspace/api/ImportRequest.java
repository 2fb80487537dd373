package io.switchboard.workspace.api;

/**
 * An existing repository to import into a new project: exactly one of {@code url} (https) and {@code path} (a local
 * repository in a directory the server allows).
 *
 * @param token  an access token for the URL, sent as HTTP basic credentials; never stored, logged or returned
 * @param branch the branch to make the project's default; absent: the one the repository's HEAD names
 */
public record ImportRequest(String url, String path, String token, String branch) {
}
