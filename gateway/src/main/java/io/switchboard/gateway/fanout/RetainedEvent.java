package io.switchboard.gateway.fanout;

/**
 * An event kept for replay, with its frame rendered once for every subscriber and the
 * {@link System#nanoTime()} at which it was consumed, for delivery latency.
 */
record RetainedEvent(long seq, String frame, long consumedAtNanos) {
}
