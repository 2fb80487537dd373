package io.switchboard.gateway.ws;

import io.switchboard.gateway.service.TokenBucket;

/**
 * A token bucket over one connection's incoming frames: {@code burst} frames at once, refilled at
 * {@code perSecond}. Inbound frames of a connection are handled one at a time, but the lock keeps it
 * correct regardless.
 */
final class FrameRateLimiter {

    private final TokenBucket bucket;
    private final int closeAfterRejected;
    private int rejectedInARow;

    FrameRateLimiter(double perSecond, int burst, int closeAfterRejected) {
        this.bucket = new TokenBucket(perSecond, burst, System.nanoTime());
        this.closeAfterRejected = closeAfterRejected;
    }

    enum Verdict {
        ADMIT,
        REJECT,
        /** Rejected, and the client kept on after being told: close the connection. */
        CLOSE
    }

    synchronized Verdict admit() {
        if (bucket.take(System.nanoTime()) == 0) {
            rejectedInARow = 0;
            return Verdict.ADMIT;
        }
        rejectedInARow++;
        return rejectedInARow >= closeAfterRejected ? Verdict.CLOSE : Verdict.REJECT;
    }
}
