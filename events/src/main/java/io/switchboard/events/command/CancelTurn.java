package io.switchboard.events.command;

import java.util.UUID;

import io.switchboard.events.EventPayload;

/** Cancels a queued or running turn of the chat. */
public record CancelTurn(UUID turnId, String userId) implements EventPayload {
}
