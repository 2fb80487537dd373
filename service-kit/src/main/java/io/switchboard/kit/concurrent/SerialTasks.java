package io.switchboard.kit.concurrent;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * One key's lane of a {@link KeyedSerialExecutor}, bound to one Vert.x context: for an owner (such as a chat's
 * lane in chat-service) that lives as long as its key and wants every task, and every continuation it hands to
 * {@link #executor()}, on the same context.
 */
public final class SerialTasks {

    private static final Object LANE = new Object();

    private final KeyedSerialExecutor<Object> tasks;
    private final Context context;

    /** Tasks start on {@code context}, so their asynchronous calls complete there too. */
    public SerialTasks(Context context) {
        this.tasks = new KeyedSerialExecutor<>(context);
        this.context = context;
    }

    /** Runs {@code task} once every task submitted before it has ended; lazy, like any Uni. */
    public <T> Uni<T> submit(Supplier<Uni<T>> task) {
        return tasks.submit(LANE, task);
    }

    /** Runs work on this lane's context: where continuations of the lane's asynchronous calls belong. */
    public Executor executor() {
        return command -> context.runOnContext(ignored -> command.run());
    }
}
