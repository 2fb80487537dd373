package io.switchboard.workspace.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Vert.x contexts for work no request started (timers, schedules, background jobs). Hibernate Reactive runs only on
 * a duplicated context marked safe, and its session belongs to the context: each piece of work gets one of its own.
 */
@ApplicationScoped
public class BackgroundContexts {

    private final Vertx vertx;

    public BackgroundContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A new duplicated context, marked safe, for one piece of work. */
    public Context newContext() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    /** Runs the work on a {@link #newContext() new context}; its outcome is the answer's. */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        Context context = newContext();
        return Uni.createFrom().emitter(emitter -> context.runOnContext(started -> work.get().subscribe()
                .with(emitter::complete, emitter::fail)));
    }
}
