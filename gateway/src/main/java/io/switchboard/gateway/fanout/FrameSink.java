package io.switchboard.gateway.fanout;

/** Where a subscription's frames go: a WebSocket connection's outbound buffer in production. */
public interface FrameSink {

    /** A frame that is not a chat event: subscribed, resync, replies, errors. */
    void send(String frame);

    /**
     * An event frame. {@code consumedAtNanos} is the {@link System#nanoTime()} at which the gateway consumed
     * the event when it is delivered live, or 0 when it is replayed from retention.
     */
    default void sendEvent(String frame, long consumedAtNanos) {
        send(frame);
    }

    /** Characters this sink can still take before it counts as too slow; a larger replay becomes a resync. */
    default long spareCapacity() {
        return Long.MAX_VALUE;
    }
}
