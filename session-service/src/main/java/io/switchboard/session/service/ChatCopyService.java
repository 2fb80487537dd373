package io.switchboard.session.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Message;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.MessageRepository;

/**
 * New chats made from an existing one: a duplicate (its metadata and whole history, announced as ChatCreated) or
 * a fork at a message (the history through that message's turn, announced as ChatForked naming the source chat
 * and turn). The copy, its history and its event are one transaction. The copied history counts as read for the
 * user who made the copy.
 */
@ApplicationScoped
public class ChatCopyService {

    private static final int MAX_TITLE = 200;

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final ChatService chatService;
    private final NewChats newChats;
    private final ProjectAccess access;
    private final AuditTrail audit;

    public ChatCopyService(ChatRepository chats, MessageRepository messages, ChatService chatService,
            NewChats newChats, ProjectAccess access, AuditTrail audit) {
        this.chats = chats;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
        this.chatService = chatService;
        this.newChats = newChats;
    }

    @TenantTransactional
    public Uni<ChatSummary> duplicate(Caller caller, UUID sourceId) {
        return source(caller, sourceId)
                .call(source -> chatService.ensureRoomForAChat(caller))
                .chain(source -> {
                    Chat copy = copyOf(caller, source, suffixed(source.title, " (copy)"));
                    copy.pinned = source.pinned;
                    Log.infof("chatId=%s duplicated from chatId=%s", copy.id, source.id);
                    // The copy holds the history up to the last turn it names, whatever arrives meanwhile.
                    return messages.last(source.id).chain(last -> (last == null ? newChats.create(copy)
                                    : newChats.createCopy(copy, source.id, last.turnId))
                            .call(() -> audit.record(caller, "chat.duplicated", copy.projectId, copy.id,
                                    source.id.toString()))
                            .chain(() -> copyHistory(caller, source, copy, last == null ? null : last.turnSeq)));
                });
    }

    @TenantTransactional
    public Uni<ChatSummary> fork(Caller caller, UUID sourceId, UUID messageId, String title) {
        return source(caller, sourceId)
                .call(source -> chatService.ensureRoomForAChat(caller))
                .chain(source -> messages.findInChat(caller.tenantId(), source.id, messageId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Message", messageId))
                        .chain((Message at) -> {
                            Chat fork = copyOf(caller, source,
                                    title == null ? suffixed(source.title, " (fork)") : title.strip());
                            Log.infof("chatId=%s forked from chatId=%s at turn %s", fork.id, source.id, at.turnId);
                            ChatForked forked = new ChatForked(fork.projectId, caller.userId(), source.id.toString(),
                                    fork.title, fork.model, null, at.turnId);
                            return newChats.announce(fork, forked)
                                    .call(() -> audit.record(caller, "chat.forked", fork.projectId, fork.id,
                                            source.id.toString()))
                                    .chain(() -> copyHistory(caller, source, fork, at.turnSeq));
                        }));
    }

    /** The chat to copy: the copy goes into its project, so the caller must be able to add chats there. */
    private Uni<Chat> source(Caller caller, UUID sourceId) {
        return access.chatToRead(caller, sourceId)
                .call(source -> access.projectToEdit(caller, source.projectId));
    }

    private Chat copyOf(Caller caller, Chat source, String title) {
        Chat copy = newChats.blank(caller, source.projectId, title, source.model);
        copy.description = source.description;
        return copy;
    }

    private Uni<ChatSummary> copyHistory(Caller caller, Chat source, Chat copy, Long throughTurnSeq) {
        // The copy's row first: its messages refer to it, and Hibernate would write it only at commit.
        return chats.flush()
                .chain(() -> messages.copyHistory(caller.tenantId(), source.id, copy.id, throughTurnSeq))
                // The copy ends at seq 0 (MessageRepository#copyHistory).
                .chain(copied -> newChats.historyAdded(caller, copy, copied))
                .chain(() -> chatService.summarize(caller, copy));
    }

    /** The title with the suffix, shortened (by code points) so that the two fit the title's limit. */
    static String suffixed(String title, String suffix) {
        int room = MAX_TITLE - suffix.codePointCount(0, suffix.length());
        if (title.codePointCount(0, title.length()) > room) {
            title = title.substring(0, title.offsetByCodePoints(0, room)).strip();
        }
        return title + suffix;
    }
}
