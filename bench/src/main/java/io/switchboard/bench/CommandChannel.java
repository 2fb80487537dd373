package io.switchboard.bench;

import io.switchboard.events.EventPayload;

/** Where the benchmark's chats put their commands: chat.commands in a run, a list in a unit test. */
@FunctionalInterface
interface CommandChannel {

    /**
     * Hands a command for the chat to the channel without waiting for it to be stored.
     *
     * @return {@link System#nanoTime()} just before the hand-over: the start of the command's latencies
     */
    long send(String chatId, String tenantId, EventPayload command);
}
