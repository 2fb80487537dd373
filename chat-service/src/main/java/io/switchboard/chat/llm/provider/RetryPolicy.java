package io.switchboard.chat.llm.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a provider model is guarded: failures before the first streamed event are retried with a doubling
 * backoff; a provider that stays silent too long, before or between events, times out.
 *
 * @param maxRetries        retries after the first attempt; 0 disables them
 * @param backoff           the wait before the first retry
 * @param firstEventTimeout time allowed from the request to the provider's first streamed event
 * @param idleTimeout       time allowed between two streamed events
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration firstEventTimeout, Duration idleTimeout) {

    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (firstEventTimeout.isNegative() || firstEventTimeout.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * The wait before retry number {@code retry} (0 for the first): the backoff doubled per retry, plus up to a
     * quarter more so that many chats failing together do not come back in step.
     */
    public Duration delayBefore(int retry) {
        long base = backoff.toMillis() << Math.min(retry, 16);
        long capped = Math.min(base, LONGEST_BACKOFF.toMillis());
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        return Duration.ofMillis(capped + jitter);
    }
}
