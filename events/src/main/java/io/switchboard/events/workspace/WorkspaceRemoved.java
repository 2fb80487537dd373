package io.switchboard.events.workspace;

import io.switchboard.events.EventPayload;

/** The chat's working directory was removed; its branch may remain. */
public record WorkspaceRemoved(String branch) implements EventPayload {
}
