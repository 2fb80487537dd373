package io.switchboard.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;

/** Keeps memory bounded by the chats that are active, not by every chat ever seen. */
@ApplicationScoped
public class LaneJanitor {

    private final ChatLanes lanes;
    private final ChatConfig config;

    public LaneJanitor(ChatLanes lanes, ChatConfig config, MeterRegistry registry) {
        this.lanes = lanes;
        this.config = config;
        Gauge.builder("switchboard.chat.lanes", lanes, ChatLanes::size)
                .description("Chats loaded on this instance").register(registry);
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> evictIdleLanes() {
        return lanes.evictIdle(config.scheduling().idleLaneEviction())
                .invoke(evicted -> {
                    if (evicted > 0) {
                        Log.debugf("Evicted %d idle chat lanes", evicted);
                    }
                })
                .replaceWithVoid();
    }
}
