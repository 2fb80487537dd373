package io.switchboard.events.chat;

import io.switchboard.events.Nullable;

/**
 * A command on the chat could not be carried out; nothing changed.
 *
 * @param command   the command's wire type, for example {@code EditQueuedTurn}
 * @param reference what the command referred to: a turnId or a clientMessageId
 * @param reason    a stable code such as {@code turn_not_queued}, {@code turn_not_found} or {@code chat_archived}
 * @param message   a human-readable explanation
 */
public record CommandRejected(String command, @Nullable String reference, String reason, String message)
        implements ChatEvent {
}
