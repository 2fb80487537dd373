package io.switchboard.session.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatMarkedRead;
import io.switchboard.events.lifecycle.ChatRestored;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.api.UpdateChatRequest;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.ChatStatus;
import io.switchboard.session.repository.ChatReadRepository;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.MessageRepository;

/**
 * Changes to an existing chat. Each locks the chat's row, changes it and appends the event that announces the
 * change, in one transaction; the lock keeps two changes at once from taking the same lifecycle seq. A change
 * the chat's status does not allow (archiving an archived chat) is a 409 problem, so a client learns its view
 * of the chat was stale; an update that changes nothing answers the chat as it is and announces nothing.
 */
@ApplicationScoped
public class ChatLifecycleService {

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final ChatReadRepository reads;
    private final ChatService chatService;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final OutboxWriter outbox;

    public ChatLifecycleService(ChatRepository chats, MessageRepository messages, ChatReadRepository reads,
            ChatService chatService, ProjectAccess access, AuditTrail audit, OutboxWriter outbox) {
        this.chats = chats;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
        this.reads = reads;
        this.chatService = chatService;
        this.outbox = outbox;
    }

    /** Changes the title, description, model or pinning; ChatUpdated carries the chat's state after it. */
    @TenantTransactional
    public Uni<ChatSummary> update(Caller caller, UUID chatId, UpdateChatRequest request) {
        return locked(caller, chatId).chain(chat -> {
            boolean changed = false;
            if (request.title() != null && !request.title().strip().equals(chat.title)) {
                chat.title = request.title().strip();
                changed = true;
            }
            if (request.description() != null && !request.description().equals(chat.description)) {
                chat.description = request.description();
                changed = true;
            }
            if (request.model() != null && !request.model().equals(chat.model)) {
                chat.model = request.model();
                changed = true;
            }
            if (request.pinned() != null && request.pinned() != chat.pinned) {
                chat.pinned = request.pinned();
                changed = true;
            }
            if (!changed) {
                return unchanged(caller, chat);
            }
            return announce(caller, chat, "chat.updated", updated(chat));
        });
    }

    /** Hides the chat from the default list; chat-service cancels its queue. Allowed from active and completed. */
    @TenantTransactional
    public Uni<ChatSummary> archive(Caller caller, UUID chatId) {
        return locked(caller, chatId).chain(chat -> {
            if (chat.status == ChatStatus.ARCHIVED) {
                return Uni.createFrom().failure(notAllowed(chat, "archived"));
            }
            chat.status = ChatStatus.ARCHIVED;
            return announce(caller, chat, "chat.archived", new ChatArchived(chat.projectId));
        });
    }

    /**
     * Makes an archived or completed chat active again: ChatRestored for an archived chat (chat-service takes
     * messages for it again), ChatUpdated with status active for a completed one, which chat-service never stopped.
     */
    @TenantTransactional
    public Uni<ChatSummary> restore(Caller caller, UUID chatId) {
        return locked(caller, chatId).chain(chat -> {
            ChatStatus before = chat.status;
            if (before == ChatStatus.ACTIVE) {
                return Uni.createFrom().failure(notAllowed(chat, "restored"));
            }
            chat.status = ChatStatus.ACTIVE;
            return announce(caller, chat, "chat.restored", before == ChatStatus.ARCHIVED
                    ? new ChatRestored(chat.projectId) : updated(chat));
        });
    }

    /**
     * Marks the work of an active chat done. It stays usable, so this is ChatUpdated with status completed, not
     * an archiving: nothing downstream stops for it.
     */
    @TenantTransactional
    public Uni<ChatSummary> complete(Caller caller, UUID chatId) {
        return locked(caller, chatId).chain(chat -> {
            if (chat.status != ChatStatus.ACTIVE) {
                return Uni.createFrom().failure(notAllowed(chat, "marked completed"));
            }
            chat.status = ChatStatus.COMPLETED;
            return announce(caller, chat, "chat.completed", updated(chat));
        });
    }

    /**
     * Whether {@link #pullRequestMerged} would change anything for the event: only a pull request that was merged.
     * Nearly all of workspace.events is other events, which must not cost a database transaction each.
     */
    public static boolean mergesPullRequest(Envelope event) {
        return event.payload() instanceof PullRequestUpdated updated
                && PullRequestUpdated.MERGED.equals(updated.state());
    }

    /**
     * The chat's pull request was merged: the chat is marked completed as {@link #complete} does it (ChatUpdated
     * with status completed, in the transaction that changes the status), though by no user, so no audit entry:
     * the audit log records what users did. The event's tenant is the transaction's, so under row-level security
     * a record naming another tenant's chat finds no chat, like a deleted one: both are logged and change nothing.
     * <ul>
     * <li>completed already: nothing, so a redelivered or repeated event announces nothing twice;</li>
     * <li>archived: stays archived. Archiving is a user's decision to put the chat away (and closes its pull
     * request); a merge noticed later, or made on the host after the archiving, must not bring the chat back
     * into the list as completed. The user can still restore it;</li>
     * <li>active: completed.</li>
     * </ul>
     */
    @TenantTransactional
    public Uni<Void> pullRequestMerged(Envelope event) {
        PullRequestUpdated merged = event.payloadAs(PullRequestUpdated.class);
        UUID chatId = UUID.fromString(event.chatId());
        return chats.lockOwned(event.tenantId(), chatId).chain(chat -> {
            if (chat == null) {
                Log.infof("chatId=%s tenant=%s unknown (deleted, or not the tenant's): merged pull request %s#%d "
                        + "ignored", chatId, event.tenantId(), merged.repository(), merged.number());
                return Uni.createFrom().voidItem();
            }
            if (chat.status == ChatStatus.COMPLETED) {
                Log.debugf("chatId=%s already completed: merged pull request %s#%d changes nothing", chatId,
                        merged.repository(), merged.number());
                return Uni.createFrom().voidItem();
            }
            if (chat.status == ChatStatus.ARCHIVED) {
                Log.infof("chatId=%s archived: stays archived although its pull request %s#%d was merged", chatId,
                        merged.repository(), merged.number());
                return Uni.createFrom().voidItem();
            }
            chat.status = ChatStatus.COMPLETED;
            return publish(chat, updated(chat), "as its pull request " + merged.repository() + "#" + merged.number()
                    + " was merged");
        });
    }

    /** Deletes the chat with its messages and read positions; a project's default chat cannot be deleted. */
    @TenantTransactional
    public Uni<Void> delete(Caller caller, UUID chatId) {
        return locked(caller, chatId).chain(chat -> {
            if (chat.isDefault) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "Chat " + chatId + " is its project's default chat, which cannot be deleted"));
            }
            Envelope event = Envelope.of(chat.id.toString(), chat.tenantId, chat.nextLifecycleSeq(), null,
                    new ChatDeleted(chat.projectId));
            return outbox.append(event)
                    .chain(() -> audit.chat(caller, "chat.deleted", chat.projectId, chat.id))
                    .chain(() -> reads.delete("chatId", chat.id))
                    .chain(() -> messages.deleteForChat(chat.id))
                    .chain(() -> chats.delete(chat))
                    .invoke(() -> Log.infof("chatId=%s deleted by %s (seq %d)", chat.id, caller.userId(),
                            event.seq()));
        });
    }

    /**
     * Moves the caller's read position to {@code seq}, or to the chat's last message. A position that moved is
     * announced as ChatMarkedRead, so the caller's other devices and sidebars drop the unread badge too.
     */
    @TenantTransactional
    public Uni<ChatSummary> markRead(Caller caller, UUID chatId, Long seq) {
        // Locked: new messages wait until the position is set, and ChatMarkedRead takes the chat's next seq.
        return access.chatToReadLocked(caller, chatId)
                .call(chat -> messages.lastSeq(chat.id).chain(last -> {
                    if (last == null) {
                        return Uni.createFrom().voidItem();
                    }
                    long upTo = seq == null ? last : Math.min(seq, last);
                    Uni<Long> covered = upTo == last ? Uni.createFrom().item(chat.messageCount)
                            : messages.countUpTo(chat.id, upTo);
                    return covered.chain(count -> reads.position(chat.id, caller.userId())
                            .chain(before -> reads.markRead(caller.tenantId(), chat.id, caller.userId(), upTo, count)
                                    .chain(() -> before == null || upTo > before.lastReadSeq
                                            ? announceRead(caller, chat, count, upTo)
                                            : Uni.createFrom().voidItem())));
                }))
                .chain(chat -> chatService.summarize(caller, chat));
    }

    private Uni<Void> announceRead(Caller caller, Chat chat, long readCount, long upTo) {
        Log.debugf("chatId=%s read by %s up to seq %d", chat.id, caller.userId(), upTo);
        ChatMarkedRead read = new ChatMarkedRead(chat.projectId, caller.userId(), readCount, upTo);
        return outbox.append(Envelope.of(chat.id.toString(), chat.tenantId, chat.nextLifecycleSeq(), null, read));
    }

    private Uni<Chat> locked(Caller caller, UUID chatId) {
        return access.chatToEdit(caller, chatId);
    }

    private Uni<ChatSummary> announce(Caller caller, Chat chat, String action, EventPayload change) {
        return publish(chat, change, "by " + caller.userId())
                .chain(() -> audit.chat(caller, action, chat.projectId, chat.id))
                .chain(() -> chatService.summarize(caller, chat));
    }

    /** Stamps the change and appends the event announcing it, with the chat's next lifecycle seq. */
    private Uni<Void> publish(Chat chat, EventPayload change, String cause) {
        chat.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Envelope event = Envelope.of(chat.id.toString(), chat.tenantId, chat.nextLifecycleSeq(), null, change);
        Log.infof("chatId=%s %s %s (seq %d)", chat.id, event.type(), cause, event.seq());
        return outbox.append(event);
    }

    private Uni<ChatSummary> unchanged(Caller caller, Chat chat) {
        return chatService.summarize(caller, chat);
    }

    private static ChatUpdated updated(Chat chat) {
        return new ChatUpdated(chat.projectId, chat.title, chat.model, chat.description, chat.pinned,
                chat.status.wireName());
    }

    private static ProblemException notAllowed(Chat chat, String change) {
        return ProblemException.conflict("Chat " + chat.id + " is " + chat.status.wireName() + " and cannot be "
                + change);
    }
}
