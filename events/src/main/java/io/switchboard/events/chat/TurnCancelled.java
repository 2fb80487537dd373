package io.switchboard.events.chat;

import io.switchboard.events.EventPayload;

/** The turn was cancelled before it finished; {@code reason} is a stable code such as {@code user}. */
public record TurnCancelled(String reason) implements EventPayload {
}
