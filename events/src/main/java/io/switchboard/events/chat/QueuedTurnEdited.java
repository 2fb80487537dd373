package io.switchboard.events.chat;

/** The text of a turn still waiting in the chat's queue was replaced; the envelope names the turn. */
public record QueuedTurnEdited(String text) implements ChatEvent {
}
