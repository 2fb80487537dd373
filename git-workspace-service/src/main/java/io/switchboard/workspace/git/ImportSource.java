package io.switchboard.workspace.git;

import java.nio.file.Path;

/**
 * A repository to import, checked: a remote URL with an optional access token, or a local repository in an
 * allowed directory. {@code display} names it without credentials, for events, status and logs; the token
 * appears nowhere else and is never stored.
 */
public record ImportSource(String display, String remoteUrl, Path localPath, String token) {

    public boolean isLocal() {
        return localPath != null;
    }

    /** Where git fetches from. */
    public String location() {
        return isLocal() ? localPath.toString() : remoteUrl;
    }

    @Override
    public String toString() {
        // Records print every field; this one holds a secret.
        return "ImportSource[" + display + "]";
    }
}
