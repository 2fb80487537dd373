package io.switchboard.events.command;

import java.util.UUID;

/** Cancels a queued or running turn of the chat. */
public record CancelTurn(UUID turnId, String userId) implements ChatCommand {
}
