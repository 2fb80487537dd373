package io.switchboard.events.chat;

/** The model started answering the turn. */
public record TurnStarted(String model) implements ChatEvent {
}
