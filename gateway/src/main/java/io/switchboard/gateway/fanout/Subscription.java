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

    void offer(EventStream stream, RetainedEvent event) {
        long last = lastSeq[stream.ordinal()];
        if (last != UNKNOWN && event.seq() <= last) {
            return;
        }
        if (last != UNKNOWN && event.seq() > last + 1) {
            sink.send(Frames.resync(chatId, stream, last, event.seq()));
        }
        lastSeq[stream.ordinal()] = event.seq();
        sink.send(event.frame());
    }

    void send(String frame) {
        sink.send(frame);
    }
}
