package io.switchboard.workspace;

import java.util.UUID;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.testing.kafka.RawProducer;

/** Plays session-service: puts lifecycle events on session.lifecycle, keyed by chatId unless told otherwise. */
final class LifecycleEvents {

    private LifecycleEvents() {
    }

    /** The branch of a chat {@link #created} with the default prefix: its title's slug, then its short id. */
    static String createdBranch(String chatId) {
        return "switchboard/a-chat-" + shortId(chatId);
    }

    /** The branch of a chat {@link #forked} or {@link #forkedAtTurn}. */
    static String forkBranch(String chatId) {
        return "switchboard/a-fork-" + shortId(chatId);
    }

    private static String shortId(String chatId) {
        return chatId.replace("-", "").substring(0, 12);
    }

    static Envelope created(String chatId, String tenantId, UUID projectId) {
        return Envelope.of(chatId, tenantId, 1, null, new ChatCreated(projectId, "user-1", "A chat", "offline"));
    }

    /** A chat whose branch starts from another branch of the project. */
    static Envelope createdFromBranch(String chatId, String tenantId, UUID projectId, String fromBranch) {
        return Envelope.of(chatId, tenantId, 1, null,
                new ChatCreated(projectId, "user-1", "A chat", "offline", null, null, fromBranch, null));
    }

    /** A chat whose branch starts from the head of a pull request on the project's GitHub repository. */
    static Envelope createdFromPullRequest(String chatId, String tenantId, UUID projectId, int number) {
        return Envelope.of(chatId, tenantId, 1, null,
                new ChatCreated(projectId, "user-1", "A chat", "offline", null, null, null, number));
    }

    static Envelope forkedAtTurn(String chatId, String tenantId, UUID projectId, String sourceChatId, UUID turnId) {
        return Envelope.of(chatId, tenantId, 1, null,
                new ChatForked(projectId, "user-1", sourceChatId, "A fork", "offline", null, turnId));
    }

    static Envelope forked(String chatId, String tenantId, UUID projectId, String sourceChatId, String fromCommit) {
        return Envelope.of(chatId, tenantId, 1, null,
                new ChatForked(projectId, "user-1", sourceChatId, "A fork", "offline", fromCommit));
    }

    static Envelope deleted(String chatId, String tenantId, UUID projectId, long seq) {
        return Envelope.of(chatId, tenantId, seq, null, new ChatDeleted(projectId));
    }

    static Envelope event(String chatId, String tenantId, EventPayload payload) {
        return Envelope.of(chatId, tenantId, 1, null, payload);
    }

    static void send(Envelope envelope) {
        sendWithKey(envelope.chatId(), envelope);
    }

    static void sendWithKey(String key, Envelope envelope) {
        try (RawProducer producer = RawProducer.create()) {
            producer.send(Topics.SESSION_LIFECYCLE, key, EventJson.toBytes(envelope));
        }
    }
}
