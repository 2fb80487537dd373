package io.switchboard.chat.llm;

/**
 * A model step failed. {@code reason} becomes the TurnFailed reason, so it is a stable code; {@code retryable}
 * says whether the same request may be tried again (only ever before the first token reached the user).
 */
public class ModelException extends RuntimeException {

    public static final String PROVIDER_ERROR = "provider_error";
    public static final String PROVIDER_TIMEOUT = "provider_timeout";
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    public static final String RATE_LIMITED = "provider_rate_limited";
    public static final String AUTHENTICATION = "provider_authentication";
    public static final String MALFORMED_STREAM = "malformed_stream";
    public static final String CONTEXT_TOO_LONG = "context_too_long";
    public static final String MODEL_ERROR = "model_error";

    private final String reason;
    private final boolean retryable;

    public ModelException(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }

    public ModelException(String reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
