package io.switchboard.gateway.fanout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.switchboard.events.Envelope;

/**
 * A chat's recent events per stream, its derived activity (running and queued turns) and the
 * subscriptions following it; guarded by its own monitor.
 */
final class ChatFeed {

    private final int retained;
    private final long retainedBytesLimit;
    private final Map<EventStream, Deque<RetainedEvent>> recent = new EnumMap<>(EventStream.class);
    private final Set<Subscription> subscriptions = new HashSet<>();
    private final ChatActivity activity = new ChatActivity();
    private long lastActivity = System.nanoTime();
    private final long[] latestSeqs = new long[EventStream.values().length];
    private boolean retired;
    private long retainedBytes;

    ChatFeed(int retained, long retainedBytesLimit) {
        this.retained = retained;
        this.retainedBytesLimit = retainedBytesLimit;
        for (EventStream stream : EventStream.values()) {
            recent.put(stream, new ArrayDeque<>());
        }
    }

    /** Retains and delivers the event; false when it was seen before (a redelivered or re-read record). */
    boolean append(EventStream stream, RetainedEvent event, Envelope envelope) {
        lastActivity = System.nanoTime();
        Deque<RetainedEvent> events = recent.get(stream);
        if (event.seq() <= latestSeqs[stream.ordinal()]) {
            return false;
        }
        latestSeqs[stream.ordinal()] = event.seq();
        events.addLast(event);
        retainedBytes += event.bytes();
        if (events.size() > retained) {
            retainedBytes -= events.removeFirst().bytes();
        }
        trimTo(retainedBytesLimit);
        if (stream == EventStream.CHAT) {
            activity.apply(envelope);
        }
        for (Subscription subscription : subscriptions) {
            subscription.offer(stream, event, true);
        }
        return true;
    }

    /** Memory the retained frames take, as {@link RetainedEvent#bytes()} counts it. */
    long retainedBytes() {
        return retainedBytes;
    }

    long lastActivityNanos() {
        return lastActivity;
    }

    /**
     * Drops the oldest retained events, across streams, until at most {@code limit} bytes are kept. Where each
     * stream is stays known, so a client resuming from before what is kept gets a resync. Answers the bytes freed.
     */
    long trimTo(long limit) {
        long before = retainedBytes;
        while (retainedBytes > limit) {
            Deque<RetainedEvent> oldest = null;
            for (Deque<RetainedEvent> events : recent.values()) {
                if (!events.isEmpty() && (oldest == null
                        || events.peekFirst().consumedAtNanos() < oldest.peekFirst().consumedAtNanos())) {
                    oldest = events;
                }
            }
            if (oldest == null) {
                break;
            }
            retainedBytes -= oldest.removeFirst().bytes();
        }
        return before - retainedBytes;
    }

    ChatActivity activity() {
        return activity;
    }

    Iterable<RetainedEvent> retained(EventStream stream) {
        return recent.get(stream);
    }

    long latestSeq(EventStream stream) {
        return latestSeqs[stream.ordinal()];
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
        lastActivity = System.nanoTime();
    }

    /** Retires the feed if nobody follows it and nothing happened in it for the given time. */
    boolean retireIfIdle(long idleNanos) {
        if (subscriptions.isEmpty() && System.nanoTime() - lastActivity >= idleNanos) {
            retired = true;
        }
        return retired;
    }

    /** A retired feed has left the fan-out's map; whoever still holds it must look the chat up again. */
    boolean retired() {
        return retired;
    }
}
