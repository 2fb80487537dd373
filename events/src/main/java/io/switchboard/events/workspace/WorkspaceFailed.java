package io.switchboard.events.workspace;

import java.util.UUID;

/** The chat's workspace could not be prepared. */
public record WorkspaceFailed(UUID projectId, String reason) implements WorkspaceEvent {
}
