package io.switchboard.gateway.fanout;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where each chat's passed-over records begin: the partition and offset of the first record of the chat the gateway
 * did not read because no local socket followed it. A subscriber arriving later gets the gap read back from Kafka
 * from there. A few dozen bytes per chat active while unfollowed, instead of its retained frames.
 */
public final class PassedOverChats {

    private final ConcurrentMap<String, Gap> gaps = new ConcurrentHashMap<>();
    private final long maxAgeNanos;

    /** @param maxAge a gap begun longer ago begins again at the next record: the older part is left to resync */
    PassedOverChats(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * Called for every passed-over record: the first one of a gap is kept and later ones only mark it fresh, until
     * the gap is older than the replay window. Then it begins again here, so reading a gap back never scans more
     * than about a replay window of its partition (a starting gateway reads no further back either).
     */
    void note(String chatId, int partition, long offset) {
        Gap gap = gaps.get(chatId);
        if (gap == null) {
            gap = gaps.putIfAbsent(chatId, new Gap(partition, offset));
            if (gap == null) {
                return;
            }
        }
        long now = gap.touch();
        if (now - gap.firstNanos > maxAgeNanos) {
            gaps.replace(chatId, gap, new Gap(partition, offset));
        }
    }

    /** The chat's gap, no longer noted here: whoever takes it reads it back or notes what is left again. */
    Gap take(String chatId) {
        return gaps.remove(chatId);
    }

    /** When a record of the chat was last passed over, or 0 when none is noted. */
    long lastPassedOverNanos(String chatId) {
        Gap gap = gaps.get(chatId);
        return gap == null ? 0 : gap.lastNanos;
    }

    /** Forgets gaps nothing was added to for the given time: their chats went quiet and their frames with them. */
    int forgetOlderThan(long idleNanos) {
        long now = System.nanoTime();
        int before = gaps.size();
        gaps.values().removeIf(gap -> now - gap.lastNanos >= idleNanos);
        return before - gaps.size();
    }

    int size() {
        return gaps.size();
    }

    /** The first passed-over record of a chat; {@code lastNanos} moves with every later one. */
    public static final class Gap {

        private final int partition;
        private final long offset;
        private final long firstNanos = System.nanoTime();
        private volatile long lastNanos = firstNanos;

        public Gap(int partition, long offset) {
            this.partition = partition;
            this.offset = offset;
        }

        public int partition() {
            return partition;
        }

        public long offset() {
            return offset;
        }

        private long touch() {
            long now = System.nanoTime();
            lastNanos = now;
            return now;
        }
    }
}
