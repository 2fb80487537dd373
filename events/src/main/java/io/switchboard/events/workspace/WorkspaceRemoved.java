package io.switchboard.events.workspace;

/** The chat's working directory was removed; its branch may remain. */
public record WorkspaceRemoved(String branch) implements WorkspaceEvent {
}
