package io.switchboard.bench;

/** The kinds of bad record the poison benchmark writes straight onto the chat-scoped topics. */
enum KafkaPoison {
    NUL_TEXT("NUL in a text (\\u0000)"),
    LONE_SURROGATE("lone surrogate in a text (\\uD83D)"),
    NOT_JSON("not JSON"),
    DEEP_NESTING("deep nesting (100,000 [)"),
    UPPER_CASE_CHAT_ID("upper-case chatId (key and body)"),
    NULL_TENANT("null tenantId"),
    UNKNOWN_TYPE("unknown type"),
    VERSION_99("\"v\": 99"),
    MISSING_PAYLOAD_FIELDS("payload without its fields"),
    KEY_MISMATCH("key differs from chatId"),
    TOMBSTONE("tombstone (null value)");

    private final String label;

    KafkaPoison(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
