package io.switchboard.events.command;

/** Stops the chat's running turn, if any; its queued turns stay queued and the next one starts. */
public record StopTurn(String userId) implements ChatCommand {
}
