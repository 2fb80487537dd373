package io.switchboard.workspace.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs the operations on one chat's working directory one after the other, in arrival order, while
 * different chats go side by side. An operation spans git work on a worker thread and database work
 * on the event loop (a commit records its event), so a thread lock cannot cover it: each operation
 * waits, without holding a thread, for the one before it to finish.
 */
@ApplicationScoped
public class ChatSequencer {

    private final Map<UUID, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public <T> Uni<T> serially(UUID chatId, Supplier<Uni<T>> operation) {
        return Uni.createFrom().deferred(() -> {
            Executor caller = callerContext();
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<?>[] previous = new CompletableFuture<?>[1];
            tails.compute(chatId, (id, tail) -> {
                previous[0] = tail;
                return done;
            });
            Uni<Void> turn = previous[0] == null
                    ? Uni.createFrom().voidItem()
                    // Whatever the previous operation's outcome, this one runs next; its context is ours again.
                    : Uni.createFrom().completionStage(previous[0].handle((item, failure) -> (Void) null))
                            .emitOn(caller);
            return turn.chain(() -> operation.get())
                    .onTermination().invoke(() -> {
                        done.complete(null);
                        tails.remove(chatId, done);
                    });
        });
    }

    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Workspace operations must start on a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
