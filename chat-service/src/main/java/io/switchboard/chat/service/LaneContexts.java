package io.switchboard.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Spreads chat lanes over the event loops. Without it every lane would run on the context of the Kafka
 * consumer that first touched it, and one event-loop thread would carry every chat's intake, database
 * calls and events while the others idled (the orchestration benchmark showed exactly that).
 */
@Singleton
public class LaneContexts {

    private final List<Context> contexts = new ArrayList<>();

    public LaneContexts(Vertx vertx) {
        int count = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        for (int i = 0; i < count; i++) {
            // Vert.x offers no public way to create a context from a thread that already has one; each new
            // event-loop context takes the next event loop in turn.
            contexts.add(((VertxInternal) vertx).createEventLoopContext());
        }
    }

    /** The context a chat's lane runs on: always the same one for a chat. */
    public Context forChat(String chatId) {
        return contexts.get(Math.floorMod(chatId.hashCode(), contexts.size()));
    }
}
