package io.switchboard.gateway.service;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. When empty it says how long
 * until the next request would be admitted (for a Retry-After header). Used for REST requests and WebSocket
 * frames alike.
 */
public final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond, int burst, long now) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** 0 when admitted (a token is taken); otherwise the nanoseconds until one will be there. */
    public synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Gives back a token taken for a request another bucket then refused. */
    public synchronized void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
