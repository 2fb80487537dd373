package io.switchboard.events.chat;

import io.switchboard.events.EventPayload;

/**
 * An event on chat.events: what happened in one chat's turns, in seq order.
 * Sealed: a switch over the family is checked for completeness by the compiler, and a new event type
 * cannot be added without its consumers seeing it.
 */
public sealed interface ChatEvent extends EventPayload
        permits CommandRejected, QueuedTurnEdited, TextDelta, ToolCallFailed,
        ToolCallResult, ToolCallStarted, TurnCancelled, TurnCompleted,
        TurnFailed, TurnQueued, TurnStarted {
}
