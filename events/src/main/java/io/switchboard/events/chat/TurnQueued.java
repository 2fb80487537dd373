package io.switchboard.events.chat;

/**
 * A user message was accepted and stored as a turn.
 *
 * @param position how many turns of this chat run before it; 0 when it starts at once
 */
public record TurnQueued(String clientMessageId, String userId, String text, String model, int position)
        implements ChatEvent {
}
