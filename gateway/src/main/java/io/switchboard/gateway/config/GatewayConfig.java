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
}
