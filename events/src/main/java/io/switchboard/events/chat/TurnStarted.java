package io.switchboard.events.chat;

import io.switchboard.events.EventPayload;

/** The model started answering the turn. */
public record TurnStarted(String model) implements EventPayload {
}
