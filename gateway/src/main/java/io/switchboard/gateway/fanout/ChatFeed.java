package io.switchboard.gateway.fanout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A chat's recent events per stream and the subscriptions following it; guarded by its own monitor. */
final class ChatFeed {

    private final int retained;
    private final Map<EventStream, Deque<RetainedEvent>> recent = new EnumMap<>(EventStream.class);
    private final Set<Subscription> subscriptions = new HashSet<>();

    ChatFeed(int retained) {
        this.retained = retained;
        for (EventStream stream : EventStream.values()) {
            recent.put(stream, new ArrayDeque<>());
        }
    }

    void append(EventStream stream, RetainedEvent event) {
        Deque<RetainedEvent> events = recent.get(stream);
        RetainedEvent last = events.peekLast();
        if (last != null && event.seq() <= last.seq()) {
            // A redelivered or replayed record: already retained and delivered.
            return;
        }
        events.addLast(event);
        if (events.size() > retained) {
            events.removeFirst();
        }
        for (Subscription subscription : subscriptions) {
            subscription.offer(stream, event);
        }
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
    }

    int subscriberCount() {
        return subscriptions.size();
    }
}
