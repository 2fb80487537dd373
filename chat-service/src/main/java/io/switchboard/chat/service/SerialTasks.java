package io.switchboard.chat.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs asynchronous tasks one after another: the next starts when the previous one's Uni has ended. It is
 * what keeps one chat's commands and turn transitions in order without holding a thread.
 */
final class SerialTasks {

    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private boolean busy;

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
                run.run();
            }
        });
    }

    synchronized boolean idle() {
        return !busy;
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
        run.run();
    }
}
