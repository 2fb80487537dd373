package io.switchboard.events.command;

import java.util.UUID;

/** Replaces the text of a turn that is still waiting in the chat's queue. */
public record EditQueuedTurn(UUID turnId, String userId, String text) implements ChatCommand {
}
