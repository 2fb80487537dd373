package io.switchboard.chat.service;

import java.util.UUID;
import java.util.concurrent.Executor;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.json.PayloadSanitizer;

/**
 * A chat's event stream as its lane writes it: numbered events handed to Kafka in order (EventSequence), and the
 * checkpoint window around them. Before the first event of a burst the stream is marked as possibly ahead of its
 * stored checkpoint; once the chat is quiet again the checkpoint is stored with the last seq. Recovery after a
 * crash reads Kafka only for chats whose window was left open.
 */
final class ChatEventStream {

    private final String chatId;
    private final String tenantId;
    private final EventSequence events;
    private final ChatStreamRepository streams;
    private boolean windowOpen;

    ChatEventStream(String chatId, String tenantId, long lastSeq, ChatEventPublisher publisher,
            ChatStreamRepository streams, Executor executor) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.streams = streams;
        this.events = new EventSequence(chatId, tenantId, lastSeq, publisher::send, publisher::countRetry, executor);
    }

    /**
     * Numbers the event and hands it to Kafka behind the chat's earlier events; completes, on the lane's context,
     * when Kafka acknowledged it (see EventSequence: a failed send is retried with the same seq).
     */
    Uni<Envelope> publish(UUID turnId, EventPayload payload) {
        // Model output and tool results are foreign text: cleaned here, so no consumer has to refuse our events.
        return events.publish(turnId, PayloadSanitizer.sanitize(payload));
    }

    /** Publishes after opening the window, for events outside a running turn (which opened it already). */
    Uni<Void> publishInWindow(UUID turnId, EventPayload payload) {
        return openWindow().chain(() -> publish(turnId, payload)).replaceWithVoid();
    }

    /** Marks the stream as possibly ahead of its checkpoint before anything of this window is published. */
    Uni<Void> openWindow() {
        if (windowOpen) {
            return Uni.createFrom().voidItem();
        }
        return streams.openWindow(tenantId, chatId).invoke(() -> windowOpen = true);
    }

    /** Stores the checkpoint at the last seq and closes the window; nothing when it is closed. */
    Uni<Void> closeWindow() {
        if (!windowOpen) {
            return Uni.createFrom().voidItem();
        }
        return streams.checkpoint(tenantId, chatId, events.lastSeq(), true).invoke(() -> windowOpen = false);
    }

    boolean windowOpen() {
        return windowOpen;
    }

    long lastSeq() {
        return events.lastSeq();
    }

    /** Publishes nothing more: sends still being retried are dropped (the chat was lost to another instance). */
    void abandon() {
        events.abandon();
    }
}
