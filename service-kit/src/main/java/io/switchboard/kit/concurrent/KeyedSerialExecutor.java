package io.switchboard.kit.concurrent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs asynchronous tasks one after another per key, in the order they were subscribed, while tasks of
 * different keys run side by side. A task is "done" when its Uni ends, so a task that spans several
 * asynchronous steps (git on a worker thread, then the database) holds its key without holding a thread.
 * A task that fails, or throws instead of returning a Uni, ends like any other: the next one still runs.
 *
 * <p>Each task starts on the Vert.x context of whoever subscribed to it (the duplicated context a request or
 * a record runs on, which is where its Hibernate Reactive session lives), or right away on the current thread
 * outside Vert.x. A key with nothing queued takes no memory.
 */
public final class KeyedSerialExecutor<K> {

    // Guarded by itself. Present while a key has a task running; holds that key's tasks still to start.
    private final Map<K, Deque<Runnable>> waiting = new HashMap<>();
    private final Context fixedContext;

    public KeyedSerialExecutor() {
        this(null);
    }

    KeyedSerialExecutor(Context fixedContext) {
        this.fixedContext = fixedContext;
    }

    /** Runs {@code task} once every task submitted for {@code key} before it has ended; lazy, like any Uni. */
    public <T> Uni<T> submit(K key, Supplier<Uni<T>> task) {
        return Uni.createFrom().emitter(emitter -> {
            Executor start = startingPlace();
            Runnable run = () -> start.execute(() -> runTask(key, task, emitter));
            boolean first;
            synchronized (waiting) {
                Deque<Runnable> queue = waiting.get(key);
                first = queue == null;
                if (first) {
                    waiting.put(key, new ArrayDeque<>());
                } else {
                    queue.addLast(run);
                }
            }
            if (first) {
                run.run();
            }
        });
    }

    /** Keys with a task running right now. */
    public int busyKeys() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private <T> void runTask(K key, Supplier<Uni<T>> task, UniEmitter<? super T> emitter) {
        Uni<T> work;
        try {
            work = task.get();
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(item -> {
            emitter.complete(item);
            next(key);
        }, failure -> {
            emitter.fail(failure);
            next(key);
        });
    }

    private void next(K key) {
        Runnable run;
        synchronized (waiting) {
            Deque<Runnable> queue = waiting.get(key);
            run = queue.pollFirst();
            if (run == null) {
                waiting.remove(key);
                return;
            }
        }
        run.run();
    }

    private Executor startingPlace() {
        Context context = fixedContext != null ? fixedContext : Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
