package io.switchboard.chat.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Runs asynchronous tasks one after another: the next starts when the previous one's Uni has ended. It is
 * what keeps one chat's commands and turn transitions in order without holding a thread.
 */
final class SerialTasks {

    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private final Context context;
    private boolean busy;

    /** Tasks start on {@code context}, so their asynchronous calls complete there too. */
    SerialTasks(Context context) {
        this.context = context;
    }

    <T> Uni<T> submit(Supplier<Uni<T>> task) {
        return Uni.createFrom().emitter(emitter -> {
            Runnable run = () -> {
                Uni<T> work;
                try {
                    work = task.get();
                } catch (RuntimeException e) {
                    work = Uni.createFrom().failure(e);
                }
                work.subscribe().with(item -> {
                    emitter.complete(item);
                    next();
                }, failure -> {
                    emitter.fail(failure);
                    next();
                });
            };
            boolean start;
            synchronized (this) {
                start = !busy;
                if (start) {
                    busy = true;
                } else {
                    waiting.addLast(run);
                }
            }
            if (start) {
                context.runOnContext(ignored -> run.run());
            }
        });
    }

    /** Runs work on this lane's context: where continuations of the lane's asynchronous calls belong. */
    Executor executor() {
        return command -> context.runOnContext(ignored -> command.run());
    }

    private void next() {
        Runnable run;
        synchronized (this) {
            run = waiting.pollFirst();
            if (run == null) {
                busy = false;
                return;
            }
        }
        context.runOnContext(ignored -> run.run());
    }
}
