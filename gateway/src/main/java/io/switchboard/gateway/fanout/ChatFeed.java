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
    private final Map<EventStream, Deque<RetainedEvent>> recent = new EnumMap<>(EventStream.class);
    private final Set<Subscription> subscriptions = new HashSet<>();
    private final ChatActivity activity = new ChatActivity();
    private long lastActivity = System.nanoTime();
    private boolean retired;

    ChatFeed(int retained) {
        this.retained = retained;
        for (EventStream stream : EventStream.values()) {
            recent.put(stream, new ArrayDeque<>());
        }
    }

    /** Retains and delivers the event; false when it was seen before (a redelivered or re-read record). */
    boolean append(EventStream stream, RetainedEvent event, Envelope envelope) {
        lastActivity = System.nanoTime();
        Deque<RetainedEvent> events = recent.get(stream);
        RetainedEvent last = events.peekLast();
        if (last != null && event.seq() <= last.seq()) {
            return false;
        }
        events.addLast(event);
        if (events.size() > retained) {
            events.removeFirst();
        }
        if (stream == EventStream.CHAT) {
            activity.apply(envelope);
        }
        for (Subscription subscription : subscriptions) {
            subscription.offer(stream, event, true);
        }
        return true;
    }

    ChatActivity activity() {
        return activity;
    }

    Iterable<RetainedEvent> retained(EventStream stream) {
        return recent.get(stream);
    }

    long latestSeq(EventStream stream) {
        RetainedEvent last = recent.get(stream).peekLast();
        return last == null ? 0 : last.seq();
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
