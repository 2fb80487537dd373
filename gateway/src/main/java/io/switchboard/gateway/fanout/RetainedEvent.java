package io.switchboard.gateway.fanout;

/**
 * An event kept for replay, with its frame rendered once for every subscriber and the
 * {@link System#nanoTime()} at which it was consumed, for delivery latency.
 */
record RetainedEvent(long seq, String frame, long consumedAtNanos) {

    /** What the frame takes in memory, at most: two bytes per character, plus the record itself. */
    long bytes() {
        return 2L * frame.length() + 48;
    }
}
