package io.switchboard.events.chat;

/** A piece of the answer: the model's tokens of a short window, coalesced. */
public record TextDelta(String text) implements ChatEvent {
}
