package io.switchboard.gateway.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Envelope;
import io.switchboard.gateway.config.GatewayConfig;

/**
 * Delivers each consumed event to the connections subscribed to its chat, and only to them, in seq
 * order. Appending an event and registering a subscriber both happen under the chat's feed lock, so
 * a subscriber replayed from the retained events and then fed live ones sees no gap and no duplicate.
 * No database or remote call happens on this path.
 */
@ApplicationScoped
public class ChatFanout {

    public static final String RETAINED_BYTES_METRIC = "switchboard.gateway.replay.retained.bytes";
    public static final String EVICTED_METRIC = "switchboard.gateway.replay.evicted.bytes";

    private final ConcurrentMap<String, ChatFeed> feeds = new ConcurrentHashMap<>();
    private final PassedOverChats passedOver;
    private final int retained;
    private final long retainedBytesPerChat;
    private final long retainedBytesTotal;
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicBoolean trimming = new AtomicBoolean();
    private final Counter evictedForTotal;

    public ChatFanout(GatewayConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    @Inject
    public ChatFanout(GatewayConfig config, MeterRegistry registry) {
        this.retained = config.retainedEventsPerChat();
        this.retainedBytesPerChat = config.retainedBytesPerChat().asLongValue();
        this.retainedBytesTotal = config.retainedBytesTotal().asLongValue();
        this.passedOver = new PassedOverChats(config.replayWindow());
        Gauge.builder(RETAINED_BYTES_METRIC, retainedBytes, AtomicLong::get)
                .description("Memory the replay retention of all chats takes").register(registry);
        this.evictedForTotal = Counter.builder(EVICTED_METRIC).tag("reason", "total_limit")
                .description("Retained frames dropped before their time to keep the total under its bound")
                .register(registry);
    }

    public boolean publish(EventStream stream, Envelope event) {
        return publish(stream, event, System.nanoTime());
    }

    /**
     * Retains the event and hands it to the chat's subscribers. Subscribers' sinks only queue the frame,
     * so this never waits for a slow client. False when the event was seen before (a re-read record).
     *
     * @param consumedAtNanos the {@link System#nanoTime()} at which the event was consumed
     */
    public boolean publish(EventStream stream, Envelope event, long consumedAtNanos) {
        RetainedEvent retainedEvent = new RetainedEvent(event.seq(), Frames.event(stream, event), consumedAtNanos);
        while (true) {
            ChatFeed feed = feed(event.chatId());
            boolean fresh;
            synchronized (feed) {
                if (feed.retired()) {
                    continue;
                }
                long before = feed.retainedBytes();
                fresh = feed.append(stream, retainedEvent, event);
                retainedBytes.addAndGet(feed.retainedBytes() - before);
            }
            if (retainedBytes.get() > retainedBytesTotal) {
                trimToTotal();
            }
            return fresh;
        }
    }

    /**
     * True when no local socket follows the chat (nor is about to), so the consumer may pass its record over
     * unread; the record's position is then noted as where the chat's gap begins, for a later subscriber.
     */
    public boolean passOver(String chatId, int partition, long offset) {
        ChatFeed feed = feeds.get(chatId);
        if (feed != null && feed.followed()) {
            return false;
        }
        passedOver.note(chatId, partition, offset);
        return true;
    }

    /**
     * Starts a subscribe: from now on no record of the chat is passed over, and the feed stays until released.
     * The hold carries the gap passed over before, if any, for the caller to read back ({@link #fillIn}).
     */
    public SubscribeHold hold(String chatId) {
        while (true) {
            ChatFeed feed = feed(chatId);
            synchronized (feed) {
                if (!feed.retired()) {
                    feed.hold();
                    // Taken after the hold: a record passed over later than this was checked before it, so it
                    // lies before the partition's end as the reader finds it.
                    return new SubscribeHold(feed, passedOver.take(chatId));
                }
            }
        }
    }

    /** Adds a held chat's events read back from Kafka to its retained ones; see {@link ChatFeed#fillIn}. */
    public void fillIn(SubscribeHold hold, List<Envelope> events) {
        List<RetainedEvent> found = new ArrayList<>(events.size());
        long now = System.nanoTime();
        for (Envelope event : events) {
            found.add(new RetainedEvent(event.seq(), Frames.event(EventStream.CHAT, event), now));
        }
        synchronized (hold.feed()) {
            retainedBytes.addAndGet(hold.feed().fillIn(found));
        }
        if (retainedBytes.get() > retainedBytesTotal) {
            trimToTotal();
        }
    }

    /** Notes again the part of a held chat's gap that was not read back, for the next subscriber to try. */
    public void stillPassedOver(String chatId, int partition, long offset) {
        passedOver.note(chatId, partition, offset);
    }

    /** Chats with records passed over and not read back. */
    public int passedOverChats() {
        return passedOver.size();
    }

    /** Memory the replay retention of all chats takes now. */
    public long retainedBytes() {
        return retainedBytes.get();
    }

    /**
     * Brings the retention back under 90 % of its bound, dropping the retained frames of the least recently
     * active chats first. One thread at a time; the others go on publishing meanwhile.
     */
    private void trimToTotal() {
        if (!trimming.compareAndSet(false, true)) {
            return;
        }
        try {
            long target = retainedBytesTotal / 10 * 9;
            // Sorted by a snapshot of each feed's last activity: other threads move it on meanwhile, and a sort
            // whose keys change under it fails ("Comparison method violates its general contract").
            List<FeedAge> byAge = new ArrayList<>(feeds.size());
            feeds.values().forEach(feed -> byAge.add(new FeedAge(feed, feed.lastActivityNanos())));
            byAge.sort(Comparator.comparingLong(FeedAge::lastActivityNanos));
            for (FeedAge aged : byAge) {
                if (retainedBytes.get() <= target) {
                    break;
                }
                ChatFeed feed = aged.feed();
                long freed;
                synchronized (feed) {
                    freed = feed.trimTo(0);
                }
                retainedBytes.addAndGet(-freed);
                evictedForTotal.increment(freed);
            }
        } finally {
            trimming.set(false);
        }
    }

    /**
     * Subscribes and replays. With {@code afterSeqs} absent for a stream, the subscription starts
     * with the next live event of that stream; otherwise it first receives every retained event after it.
     */
    public Subscription subscribe(String chatId, FrameSink sink, Map<EventStream, Long> afterSeqs) {
        Subscription subscription = new Subscription(chatId, sink);
        while (true) {
            ChatFeed feed = feed(chatId);
            synchronized (feed) {
                if (!feed.retired()) {
                    replayAndAdd(feed, subscription, afterSeqs);
                    return subscription;
                }
            }
        }
    }

    /**
     * Runs under the feed's lock: the snapshot, the replay and the registration form one step for live
     * events. The snapshot in the subscribed frame is the chat's state after {@code latestSeq}.
     */
    private static void replayAndAdd(ChatFeed feed, Subscription subscription, Map<EventStream, Long> afterSeqs) {
        long latestChatSeq = feed.latestSeq(EventStream.CHAT);
        long afterChatSeq = afterSeqs.getOrDefault(EventStream.CHAT, latestChatSeq);
        subscription.send(Frames.subscribed(subscription.chatId(), afterChatSeq, latestChatSeq,
                feed.activity().snapshot()));
        for (EventStream stream : EventStream.values()) {
            Long after = afterSeqs.get(stream);
            long latest = feed.latestSeq(stream);
            if (after == null) {
                subscription.startAfter(stream, latest == 0 ? Subscription.UNKNOWN : latest);
                continue;
            }
            subscription.startAfter(stream, after);
            if (replaySize(feed, stream, after) > subscription.sink().spareCapacity()) {
                subscription.skipReplay(stream, after, latest);
                continue;
            }
            for (RetainedEvent event : feed.retained(stream)) {
                subscription.offer(stream, event, false);
            }
            if (subscription.lastSeq(stream) < latest) {
                // Retention was dropped to stay within its bound: say so now, not at the next live event.
                subscription.skipReplay(stream, subscription.lastSeq(stream), latest);
            }
        }
        feed.add(subscription);
    }

    private static long replaySize(ChatFeed feed, EventStream stream, long after) {
        long chars = 0;
        for (RetainedEvent event : feed.retained(stream)) {
            if (event.seq() > after) {
                chars += event.frame().length();
            }
        }
        return chars;
    }

    public void unsubscribe(Subscription subscription) {
        ChatFeed feed = feeds.get(subscription.chatId());
        if (feed != null) {
            synchronized (feed) {
                feed.remove(subscription);
            }
        }
    }

    /**
     * Forgets chats nobody follows and nothing happened in for the given time, so the gateway's memory
     * follows its active chats rather than every chat it ever saw. A client resubscribing to such a chat
     * later gets a resync frame if it missed anything.
     */
    public int evictIdle(Duration idleFor) {
        int evicted = 0;
        long now = System.nanoTime();
        passedOver.forgetOlderThan(idleFor.toNanos());
        for (Map.Entry<String, ChatFeed> entry : feeds.entrySet()) {
            ChatFeed feed = entry.getValue();
            long passedOverNanos = passedOver.lastPassedOverNanos(entry.getKey());
            if (passedOverNanos != 0 && now - passedOverNanos < idleFor.toNanos()) {
                // Streaming unread: its running turn and queue must outlive the quiet of its retained frames.
                continue;
            }
            synchronized (feed) {
                if (feed.retireIfIdle(idleFor.toNanos())) {
                    feeds.remove(entry.getKey(), feed);
                    retainedBytes.addAndGet(-feed.retainedBytes());
                    evicted++;
                }
            }
        }
        return evicted;
    }

    /** Chats the gateway currently keeps events for. */
    public int feedCount() {
        return feeds.size();
    }

    private record FeedAge(ChatFeed feed, long lastActivityNanos) {
    }

    private ChatFeed feed(String chatId) {
        return feeds.computeIfAbsent(chatId, id -> new ChatFeed(retained, retainedBytesPerChat));
    }
}
