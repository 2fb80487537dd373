package io.switchboard.events.kafka;

/** Why {@link ChatKeyGuard} refused a readable record; the code is the {@code reason} tag of the metric. */
public enum Rejection {
    UNREADABLE("unreadable"),
    MISSING_CHAT_ID("missing_chat_id"),
    INVALID_CHAT_ID("invalid_chat_id"),
    KEY_MISMATCH("key_mismatch"),
    MISSING_TENANT_ID("missing_tenant_id"),
    INVALID_TENANT_ID("invalid_tenant_id");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
