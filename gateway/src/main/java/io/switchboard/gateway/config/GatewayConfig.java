package io.switchboard.gateway.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.gateway")
public interface GatewayConfig {

    /**
     * This instance's name; each instance reads every event under consumer groups named after it.
     * Defaults to a random id per start.
     */
    String instanceId();

    /** Recent events kept per chat and stream, from which a resubscribing client is replayed. */
    @WithDefault("512")
    int retainedEventsPerChat();

    /**
     * Memory the replay retention of one chat may take (all its streams), counted as two bytes per character
     * of the rendered frames; older events are dropped first. A client resuming from before what is kept
     * gets a resync frame and reloads from the message-history API.
     */
    @WithDefault("1M")
    MemorySize retainedBytesPerChat();

    /**
     * Memory the replay retention of all chats together may take; beyond it the retention of the least
     * recently active chats is dropped first (their subscriptions stay, live events go on).
     */
    @WithDefault("256M")
    MemorySize retainedBytesTotal();

    /**
     * How far back a starting gateway reads the event topics, so chats that streamed just before it
     * started can still be replayed to their clients.
     */
    @WithDefault("5m")
    Duration replayWindow();

    /**
     * How long the gateway trusts what it learned of a user's role in a project before asking session-service
     * again: a member removed or made viewer is refused subscribing and sending at most this long after.
     */
    @WithDefault("30s")
    Duration membershipCacheTtl();

    /**
     * Pass over, unread, the chat events of chats no socket of this instance follows, except the turn-boundary
     * types the attention inbox and the subscribed snapshot are derived from. A subscriber arriving later gets
     * what was passed over read back from Kafka ({@link #gapReads()}). false reads and retains every chat's events.
     */
    @WithDefault("true")
    boolean followOnly();

    /** Reading back from Kafka what was passed over while nobody here followed a chat. */
    GapReads gapReads();

    interface GapReads {

        /** Reads at once, each with its own Kafka consumer; further subscribes wait for a free one. */
        @WithDefault("2")
        int concurrency();

        /**
         * Records of the chat's partition one read scans at most; a longer gap is read back up to there, and the
         * subscriber gets a resync frame for the rest and reloads it from the message-history API.
         */
        @WithDefault("200000")
        int maxRecords();

        /** How long one read may take before it stops where it got to, as for {@link #maxRecords()}. */
        @WithDefault("5s")
        Duration timeout();
    }
}
