package io.switchboard.session.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.api.CreateChatRequest;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.Chat;
import io.switchboard.session.repository.ChatReadRepository;
import io.switchboard.session.repository.ChatRepository;

@ApplicationScoped
public class ChatService {

    private final ChatRepository chats;
    private final ChatReadRepository reads;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final NewChats newChats;
    private final SessionConfig config;

    public ChatService(ChatRepository chats, ChatReadRepository reads, ProjectAccess access, AuditTrail audit,
            NewChats newChats, SessionConfig config) {
        this.chats = chats;
        this.reads = reads;
        this.access = access;
        this.audit = audit;
        this.newChats = newChats;
        this.config = config;
    }

    /**
     * Creates the chat and, in the same transaction, the ChatCreated event that announces it. With a
     * {@code creationKey} (the request's Idempotency-Key) a repeated request finds the chat the first one made.
     */
    @TenantTransactional
    public Uni<CreatedChat> create(Caller caller, UUID projectId, CreateChatRequest request, String creationKey) {
        Uni<Chat> earlier = creationKey == null ? Uni.createFrom().nullItem()
                : chats.findByCreationKey(caller.tenantId(), creationKey);
        return earlier.chain(existing -> existing != null
                ? replayed(caller, existing, projectId)
                // Nobody has read a chat without messages: nothing is unread.
                : insert(caller, projectId, request, creationKey)
                        .map(chat -> new CreatedChat(new ChatSummary(chat, 0), true)));
    }

    /** The chat an earlier request with this Idempotency-Key created, if any. */
    @TenantTransactional
    public Uni<CreatedChat> createdEarlier(Caller caller, UUID projectId, String creationKey) {
        return chats.findByCreationKey(caller.tenantId(), creationKey)
                .onItem().ifNull().failWith(() -> ProblemException.conflict("A chat is being created with this "
                        + "Idempotency-Key; repeat the request"))
                .chain(existing -> replayed(caller, existing, projectId));
    }

    private Uni<CreatedChat> replayed(Caller caller, Chat existing, UUID projectId) {
        if (!existing.projectId.equals(projectId) || !existing.ownerId.equals(caller.userId())) {
            return Uni.createFrom().failure(
                    ProblemException.conflict("This Idempotency-Key already created another chat"));
        }
        Log.infof("chatId=%s creation repeated with its Idempotency-Key: the same chat is returned", existing.id);
        return summarize(caller, existing).map(summary -> new CreatedChat(summary, false));
    }

    private Uni<Chat> insert(Caller caller, UUID projectId, CreateChatRequest request, String creationKey) {
        if (request != null && request.fromBranch() != null && request.fromPullRequest() != null) {
            throw ProblemException.badRequest("A chat starts from fromBranch or from fromPullRequest, not both");
        }
        return access.projectToEdit(caller, projectId)
                .call(project -> ensureRoomForAChat(caller))
                .chain(project -> {
                    Chat chat = newChats.blank(caller, projectId, request == null ? null : request.title(),
                            request == null ? null : request.model());
                    chat.creationKey = creationKey;
                    return request == null ? newChats.create(chat)
                            : newChats.create(chat, request.fromBranch(), request.fromPullRequest());
                })
                .call(chat -> audit.chat(caller, "chat.created", projectId, chat.id));
    }

    /** A 409 problem when the tenant already has the most chats it may have. */
    Uni<Void> ensureRoomForAChat(Caller caller) {
        return chats.countForTenant(caller.tenantId()).invoke(count -> {
            if (count >= config.maxChatsPerTenant()) {
                throw TenantLimits.reached("chats", config.maxChatsPerTenant());
            }
        }).replaceWithVoid();
    }

    /** A chat of a project the caller belongs to, or a 404 problem. */
    @TenantTransactional
    public Uni<Chat> get(Caller caller, UUID chatId) {
        return access.chatToRead(caller, chatId);
    }

    /** The caller's chat with the caller's unread count. */
    @TenantTransactional
    public Uni<ChatSummary> summary(Caller caller, UUID chatId) {
        return get(caller, chatId).chain(chat -> summarize(caller, chat));
    }

    /** One page of the project's chats, most recent activity first. */
    @TenantTransactional
    public Uni<List<ChatSummary>> listForProject(Caller caller, UUID projectId, ChatFilter filter,
            ChatListCursor after, int limit) {
        if (limit < 1 || limit > config.chatListMaxPage()) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("limit must be between 1 and " + config.chatListMaxPage()));
        }
        return access.projectToRead(caller, projectId)
                .chain(project -> chats.page(caller.tenantId(), projectId, filter, after, limit))
                .chain(page -> summarize(caller, page));
    }

    Uni<ChatSummary> summarize(Caller caller, Chat chat) {
        return summarize(caller, List.of(chat)).map(list -> list.get(0));
    }

    Uni<List<ChatSummary>> summarize(Caller caller, List<Chat> page) {
        return reads.unread(caller.userId(), page.stream().map(chat -> chat.id).toList())
                .map((Map<UUID, Long> unread) -> page.stream()
                        .map(chat -> new ChatSummary(chat, unread.getOrDefault(chat.id, 0L)))
                        .toList());
    }
}
