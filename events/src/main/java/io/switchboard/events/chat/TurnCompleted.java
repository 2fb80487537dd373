package io.switchboard.events.chat;

import io.switchboard.events.Nullable;

/**
 * The turn finished.
 *
 * @param text      the whole answer
 * @param usage     the tokens this turn consumed
 * @param chatUsage the chat's running total, this turn included
 */
public record TurnCompleted(String text, TokenUsage usage, @Nullable TokenUsage chatUsage) implements ChatEvent {

    public TurnCompleted(String text, TokenUsage usage) {
        this(text, usage, null);
    }
}
