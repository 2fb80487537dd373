package io.switchboard.workspace.service;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.concurrent.KeyedSerialExecutor;

/**
 * Runs the operations on one chat's working directory one after the other, in arrival order, while
 * different chats go side by side. An operation spans git work on a worker thread and database work
 * on the event loop (a commit records its event), so a thread lock cannot cover it: each operation
 * waits, without holding a thread, for the one before it to finish, and starts on its caller's context,
 * where its database session lives.
 */
@ApplicationScoped
public class ChatSequencer {

    private final KeyedSerialExecutor<UUID> chats = new KeyedSerialExecutor<>();

    public <T> Uni<T> serially(UUID chatId, Supplier<Uni<T>> operation) {
        return chats.submit(chatId, operation);
    }
}
