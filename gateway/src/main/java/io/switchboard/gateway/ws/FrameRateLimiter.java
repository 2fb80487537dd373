package io.switchboard.gateway.ws;

/**
 * A token bucket over one connection's incoming frames: {@code burst} frames at once, refilled at
 * {@code perSecond}. Inbound frames of a connection are handled one at a time, but the lock keeps it
 * correct regardless.
 */
final class FrameRateLimiter {

    private final double perNano;
    private final double burst;
    private final int closeAfterRejected;
    private double tokens;
    private long refilledAt;
    private int rejectedInARow;

    FrameRateLimiter(double perSecond, int burst, int closeAfterRejected) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.closeAfterRejected = closeAfterRejected;
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    enum Verdict {
        ADMIT,
        REJECT,
        /** Rejected, and the client kept on after being told: close the connection. */
        CLOSE
    }

    synchronized Verdict admit() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            rejectedInARow = 0;
            return Verdict.ADMIT;
        }
        rejectedInARow++;
        return rejectedInARow >= closeAfterRejected ? Verdict.CLOSE : Verdict.REJECT;
    }
}
