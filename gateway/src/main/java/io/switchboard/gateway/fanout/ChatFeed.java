package io.switchboard.gateway.fanout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.switchboard.events.Envelope;

/**
 * A chat's recent events per stream, its derived activity (running and queued turns) and the
 * subscriptions following it; guarded by its own monitor, except {@link #followed()}, which the consumer
 * thread reads for every record it may pass over.
 */
final class ChatFeed {

    private final int retained;
    private final long retainedBytesLimit;
    private final Map<EventStream, Deque<RetainedEvent>> recent = new EnumMap<>(EventStream.class);
    private final Set<Subscription> subscriptions = new HashSet<>();
    private final ChatActivity activity = new ChatActivity();
    /** Written under the monitor; read without it when the fan-out picks the least recently active feeds. */
    private volatile long lastActivity = System.nanoTime();
    private final long[] latestSeqs = new long[EventStream.values().length];
    private boolean retired;
    private long retainedBytes;
    /** Subscriptions plus holds of subscribes under way; written under the monitor, read without it. */
    private volatile int followers;
    private int holds;

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
        recountFollowers();
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
        recountFollowers();
        lastActivity = System.nanoTime();
    }

    /** A subscribe is under way: from now on every record of the chat is read, none passed over. */
    void hold() {
        holds++;
        recountFollowers();
    }

    void release() {
        holds--;
        recountFollowers();
        lastActivity = System.nanoTime();
    }

    private void recountFollowers() {
        followers = subscriptions.size() + holds;
    }

    /** True while a local socket follows the chat or is about to. */
    boolean followed() {
        return followers > 0;
    }

    /**
     * Adds chat events read back from Kafka to the retained ones, in seq order, skipping those already kept; they
     * are not delivered (the subscriber they were read for is replayed from here) and change no activity, since the
     * types that do are never passed over. Keeps the usual bounds. Answers the change in retained bytes.
     */
    long fillIn(List<RetainedEvent> found) {
        long before = retainedBytes;
        Deque<RetainedEvent> events = recent.get(EventStream.CHAT);
        Set<Long> kept = new HashSet<>();
        events.forEach(event -> kept.add(event.seq()));
        List<RetainedEvent> merged = new ArrayList<>(events);
        for (RetainedEvent event : found) {
            if (kept.add(event.seq())) {
                merged.add(event);
                retainedBytes += event.bytes();
                latestSeqs[EventStream.CHAT.ordinal()] = Math.max(latestSeq(EventStream.CHAT), event.seq());
            }
        }
        merged.sort(Comparator.comparingLong(RetainedEvent::seq));
        events.clear();
        events.addAll(merged);
        while (events.size() > retained) {
            retainedBytes -= events.removeFirst().bytes();
        }
        trimTo(retainedBytesLimit);
        return retainedBytes - before;
    }

    /** Retires the feed if nobody follows it and nothing happened in it for the given time. */
    boolean retireIfIdle(long idleNanos) {
        if (followers == 0 && System.nanoTime() - lastActivity >= idleNanos) {
            retired = true;
        }
        return retired;
    }

    /** A retired feed has left the fan-out's map; whoever still holds it must look the chat up again. */
    boolean retired() {
        return retired;
    }
}
