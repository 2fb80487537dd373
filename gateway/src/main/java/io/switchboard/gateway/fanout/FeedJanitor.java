package io.switchboard.gateway.fanout;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.gateway.config.GatewayConfig;

/** Forgets idle chats once their events are older than the replay window a restart would re-read. */
@ApplicationScoped
public class FeedJanitor {

    private final ChatFanout fanout;
    private final GatewayConfig config;

    public FeedJanitor(ChatFanout fanout, GatewayConfig config) {
        this.fanout = fanout;
        this.config = config;
    }

    @Scheduled(every = "1m", delayed = "1m")
    void evictIdleFeeds() {
        int evicted = fanout.evictIdle(config.replayWindow());
        if (evicted > 0) {
            Log.debugf("Forgot %d idle chats; %d remain", evicted, fanout.feedCount());
        }
    }
}
