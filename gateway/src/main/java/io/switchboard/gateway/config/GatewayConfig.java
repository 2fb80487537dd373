package io.switchboard.gateway.config;

import java.time.Duration;

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
     * How far back a starting gateway reads the event topics, so chats that streamed just before it
     * started can still be replayed to their clients.
     */
    @WithDefault("5m")
    Duration replayWindow();
}
