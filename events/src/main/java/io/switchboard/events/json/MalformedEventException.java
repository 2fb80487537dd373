package io.switchboard.events.json;

/** A record that is not a readable event of the contract; {@link #reason()} is a stable code for metrics. */
public class MalformedEventException extends RuntimeException {

    /** Not JSON, not an object, or an envelope field of the wrong shape. */
    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String UNSUPPORTED_VERSION = "unsupported_version";
    /** A required payload field is missing or of the wrong type. */
    public static final String INVALID_PAYLOAD = "invalid_payload";
    /** A text holds a character no text of the system may hold (see TextRules). */
    public static final String INVALID_TEXT = "invalid_text";

    private final String reason;

    public MalformedEventException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MalformedEventException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
