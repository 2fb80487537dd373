package io.switchboard.gateway.fanout;

import java.util.Arrays;

/**
 * One connection following one chat. It remembers the last seq delivered per stream, so nothing is
 * delivered twice and a hole is announced with a resync frame instead of being skipped silently.
 * Only touched under its chat feed's lock.
 */
public final class Subscription {

    static final long UNKNOWN = -1;

    private final String chatId;
    private final FrameSink sink;
    private final long[] lastSeq = new long[EventStream.values().length];

    Subscription(String chatId, FrameSink sink) {
        this.chatId = chatId;
        this.sink = sink;
        Arrays.fill(lastSeq, UNKNOWN);
    }

    public String chatId() {
        return chatId;
    }

    void startAfter(EventStream stream, long seq) {
        lastSeq[stream.ordinal()] = seq;
    }

    /** {@code live} events are measured for delivery latency; replayed ones are not. */
    void offer(EventStream stream, RetainedEvent event, boolean live) {
        long last = lastSeq[stream.ordinal()];
        if (last != UNKNOWN && event.seq() <= last) {
            return;
        }
        if (last != UNKNOWN && event.seq() > last + 1) {
            sink.send(Frames.resync(chatId, stream, last, event.seq()));
        }
        lastSeq[stream.ordinal()] = event.seq();
        sink.sendEvent(event.frame(), live ? event.consumedAtNanos() : 0);
    }

    /**
     * Skips the retained events after the client's seq up to {@code latestSeq}: they would not fit the
     * connection's outbound buffer, so the client reloads them from the message-history API instead.
     */
    void skipReplay(EventStream stream, long afterSeq, long latestSeq) {
        sink.send(Frames.resync(chatId, stream, afterSeq, latestSeq + 1));
        lastSeq[stream.ordinal()] = latestSeq;
    }

    long lastSeq(EventStream stream) {
        return lastSeq[stream.ordinal()];
    }

    FrameSink sink() {
        return sink;
    }

    void send(String frame) {
        sink.send(frame);
    }
}
