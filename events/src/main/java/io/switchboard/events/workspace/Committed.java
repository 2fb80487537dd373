package io.switchboard.events.workspace;

/** A commit landed on the chat's branch. */
public record Committed(String branch, String commit, String message) implements WorkspaceEvent {
}
