package io.switchboard.events.workspace;

import java.util.UUID;

import io.switchboard.events.EventPayload;

/** The chat's workspace could not be prepared. */
public record WorkspaceFailed(UUID projectId, String reason) implements EventPayload {
}
