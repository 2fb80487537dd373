package io.switchboard.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.ChatStatus;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.ProjectRepository;
import io.switchboard.session.rest.CreateChatRequest;

@ApplicationScoped
public class ChatService {

    private final ChatRepository chats;
    private final ProjectRepository projects;
    private final OutboxWriter outbox;
    private final SessionConfig config;

    public ChatService(ChatRepository chats, ProjectRepository projects, OutboxWriter outbox, SessionConfig config) {
        this.chats = chats;
        this.projects = projects;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Creates the chat and, in the same transaction, the ChatCreated event that announces it. With a
     * {@code creationKey} (the request's Idempotency-Key) a repeated request finds the chat the first one made.
     */
    @WithTransaction
    public Uni<CreatedChat> create(Caller caller, UUID projectId, CreateChatRequest request, String creationKey) {
        Uni<Chat> earlier = creationKey == null ? Uni.createFrom().nullItem()
                : chats.findByCreationKey(caller.tenantId(), creationKey);
        return earlier.chain(existing -> existing != null
                ? Uni.createFrom().item(replayed(existing, projectId))
                : insert(caller, projectId, request, creationKey).map(chat -> new CreatedChat(chat, true)));
    }

    /** The chat an earlier request with this Idempotency-Key created, if any. */
    @WithSession
    public Uni<CreatedChat> createdEarlier(Caller caller, UUID projectId, String creationKey) {
        return chats.findByCreationKey(caller.tenantId(), creationKey)
                .onItem().ifNull().failWith(() -> ProblemException.conflict("A chat is being created with this "
                        + "Idempotency-Key; repeat the request"))
                .map(existing -> replayed(existing, projectId));
    }

    private static CreatedChat replayed(Chat existing, UUID projectId) {
        if (!existing.projectId.equals(projectId)) {
            throw ProblemException.conflict("This Idempotency-Key already created a chat in another project");
        }
        Log.infof("chatId=%s creation repeated with its Idempotency-Key: the same chat is returned", existing.id);
        return new CreatedChat(existing, false);
    }

    private Uni<Chat> insert(Caller caller, UUID projectId, CreateChatRequest request, String creationKey) {
        return projects.findOwned(caller.tenantId(), projectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Project", projectId))
                .call(project -> chats.countForTenant(caller.tenantId()).invoke(count -> {
                    if (count >= config.maxChatsPerTenant()) {
                        throw TenantLimits.reached("chats", config.maxChatsPerTenant());
                    }
                }))
                .chain(project -> {
                    Chat chat = newChat(caller, projectId, request);
                    chat.creationKey = creationKey;
                    Envelope created = Envelope.of(chat.id.toString(), chat.tenantId, chat.nextLifecycleSeq(), null,
                            new ChatCreated(projectId, caller.userId(), chat.title, chat.model));
                    Log.infof("chatId=%s created in project %s with model %s", chat.id, projectId, chat.model);
                    return chats.persist(chat).call(() -> outbox.append(created));
                });
    }

    @WithSession
    public Uni<Chat> get(Caller caller, UUID chatId) {
        return chats.findOwned(caller.tenantId(), chatId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Chat", chatId));
    }

    @WithSession
    public Uni<List<Chat>> listForProject(Caller caller, UUID projectId) {
        return projects.findOwned(caller.tenantId(), projectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Project", projectId))
                .chain(project -> chats.listForProject(caller.tenantId(), projectId));
    }

    private Chat newChat(Caller caller, UUID projectId, CreateChatRequest request) {
        Instant now = Instant.now();
        Chat chat = new Chat();
        chat.id = UUID.randomUUID();
        chat.tenantId = caller.tenantId();
        chat.projectId = projectId;
        chat.ownerId = caller.userId();
        chat.title = request == null || isBlank(request.title()) ? config.defaultChatTitle() : request.title().strip();
        chat.model = request == null || isBlank(request.model()) ? config.defaultModel() : request.model();
        chat.status = ChatStatus.ACTIVE;
        chat.lifecycleSeq = 0;
        chat.createdAt = now;
        chat.updatedAt = now;
        return chat;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
