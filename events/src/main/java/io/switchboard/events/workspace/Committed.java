package io.switchboard.events.workspace;

import io.switchboard.events.EventPayload;

/** A commit landed on the chat's branch. */
public record Committed(String branch, String commit, String message) implements EventPayload {
}
