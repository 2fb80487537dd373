package io.switchboard.kit.consumer;

import io.switchboard.events.Envelope;

/**
 * A record a consumer stopped trying to handle, handed to the consumer so the chat hears of it.
 *
 * @param event     the record's envelope (it passed the guard, so chatId and tenantId are valid)
 * @param reason    {@code unprocessable} (retrying could not help) or {@code retries_exhausted}
 * @param message   what went wrong, in words fit for a user (no exception class names)
 */
public record GivenUp(Envelope event, String reason, String message) {

    public static final String UNPROCESSABLE = "unprocessable";
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";

    public boolean retriesExhausted() {
        return RETRIES_EXHAUSTED.equals(reason);
    }
}
