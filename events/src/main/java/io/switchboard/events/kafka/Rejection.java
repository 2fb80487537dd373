package io.switchboard.events.kafka;

/** Why {@link ChatKeyGuard} refused a record; the code is the {@code reason} tag of the metric. */
public enum Rejection {
    UNREADABLE("unreadable"),
    MISSING_CHAT_ID("missing_chat_id"),
    INVALID_CHAT_ID("invalid_chat_id"),
    KEY_MISMATCH("key_mismatch");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
