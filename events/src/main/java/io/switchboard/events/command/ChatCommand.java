package io.switchboard.events.command;

import io.switchboard.events.EventPayload;

/**
 * A command on chat.commands: what a client asks of one chat.
 * Sealed: a switch over the family is checked for completeness by the compiler, and a new event type
 * cannot be added without its consumers seeing it.
 */
public sealed interface ChatCommand extends EventPayload
        permits CancelTurn, EditQueuedTurn, SendMessage, StopTurn {
}
