package io.switchboard.session.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.ChatStatus;
import io.switchboard.session.repository.ChatReadRepository;
import io.switchboard.session.repository.ChatRepository;

/**
 * Every way a chat comes to exist (created, a project's default, duplicated, forked, imported) ends here: the row
 * and the event that announces it, written in the caller's transaction.
 */
@ApplicationScoped
public class NewChats {

    private final ChatRepository chats;
    private final ChatReadRepository reads;
    private final OutboxWriter outbox;
    private final SessionConfig config;

    public NewChats(ChatRepository chats, ChatReadRepository reads, OutboxWriter outbox, SessionConfig config) {
        this.chats = chats;
        this.reads = reads;
        this.outbox = outbox;
        this.config = config;
    }

    /** A new active chat, not yet stored; a blank title or model gets the configured default. */
    public Chat blank(Caller caller, UUID projectId, String title, String model) {
        // Microseconds, as PostgreSQL keeps them: a list cursor made from this chat must match the stored row.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Chat chat = new Chat();
        chat.id = UUID.randomUUID();
        chat.tenantId = caller.tenantId();
        chat.projectId = projectId;
        chat.ownerId = caller.userId();
        chat.title = title == null || title.isBlank() ? config.defaultChatTitle() : title.strip();
        chat.description = "";
        chat.model = model == null || model.isBlank() ? config.defaultModel() : model;
        chat.status = ChatStatus.ACTIVE;
        chat.lifecycleSeq = 0;
        chat.createdAt = now;
        chat.updatedAt = now;
        chat.lastActivityAt = now;
        return chat;
    }

    /** Stores the chat with its ChatCreated. */
    public Uni<Chat> create(Chat chat) {
        return create(chat, null, null);
    }

    /**
     * Stores the chat with its ChatCreated, its workspace starting from {@code fromBranch} or from the head of pull
     * request {@code fromPullRequest} when one is given.
     */
    public Uni<Chat> create(Chat chat, String fromBranch, Integer fromPullRequest) {
        return announce(chat, new ChatCreated(chat.projectId, chat.ownerId, chat.title, chat.model, null, null,
                fromBranch, fromPullRequest));
    }

    /** Stores a copy of another chat with its ChatCreated, naming the source and its last turn the copy holds. */
    public Uni<Chat> createCopy(Chat chat, UUID sourceChatId, UUID sourceTurnId) {
        return announce(chat, new ChatCreated(chat.projectId, chat.ownerId, chat.title, chat.model,
                sourceChatId.toString(), sourceTurnId));
    }

    /** Stores the chat with the event that announces it (ChatCreated or ChatForked), as the chat's first seq. */
    public Uni<Chat> announce(Chat chat, EventPayload announcement) {
        Envelope event = Envelope.of(chat.id.toString(), chat.tenantId, chat.nextLifecycleSeq(), null, announcement);
        Log.infof("chatId=%s created in project %s with model %s (%s)", chat.id, chat.projectId, chat.model,
                event.type());
        return chats.persist(chat).call(() -> outbox.append(event));
    }

    /**
     * Accounts for the history a new chat got in this transaction (copied or imported, at seqs 0 and below): its
     * messages counted, no turn open, all of it read by the user who made the chat.
     */
    public Uni<Void> historyAdded(Caller caller, Chat chat, int messages) {
        chat.messageCount = messages;
        chat.openTurns = 0;
        return messages == 0 ? Uni.createFrom().voidItem()
                : reads.markRead(caller.tenantId(), chat.id, caller.userId(), 0, messages).replaceWithVoid();
    }
}
