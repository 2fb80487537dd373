package io.switchboard.events.chat;

import io.switchboard.events.EventPayload;

/** The turn finished; {@code text} is the whole answer. */
public record TurnCompleted(String text, TokenUsage usage) implements EventPayload {
}
