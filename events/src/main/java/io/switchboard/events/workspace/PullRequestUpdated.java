package io.switchboard.events.workspace;

import java.util.UUID;

/**
 * The state of the chat's pull request changed on its host: {@code open}, {@code closed} (without being merged)
 * or {@code merged}. Sent once per change, whether a user refreshed it, the periodic refresh noticed it or
 * archiving the chat closed it; a merged pull request marks the chat completed.
 */
public record PullRequestUpdated(UUID projectId, String repository, int number, String url, String state,
        String previousState) implements WorkspaceEvent {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String MERGED = "merged";
}
