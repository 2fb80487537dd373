package io.switchboard.events.workspace;

import java.util.UUID;

/** The chat's branch exists and its working directory can be used. */
public record WorkspaceReady(UUID projectId, String branch, String headCommit) implements WorkspaceEvent {
}
