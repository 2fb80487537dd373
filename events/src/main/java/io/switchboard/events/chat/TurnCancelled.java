package io.switchboard.events.chat;

/**
 * The turn was cancelled before it finished.
 *
 * @param reason a stable code: {@code cancelled} (CancelTurn), {@code stopped} (StopTurn), {@code superseded}
 *               (a message sent with delivery {@code now}), {@code chat_archived} or {@code chat_deleted}
 */
public record TurnCancelled(String reason) implements ChatEvent {

    public static final String CANCELLED = "cancelled";
    public static final String STOPPED = "stopped";
    public static final String SUPERSEDED = "superseded";
    public static final String CHAT_ARCHIVED = "chat_archived";
    public static final String CHAT_DELETED = "chat_deleted";
}
