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

    /** Creates the chat and, in the same transaction, the ChatCreated event that announces it. */
    @WithTransaction
    public Uni<Chat> create(Caller caller, UUID projectId, CreateChatRequest request) {
        return projects.findOwned(caller.tenantId(), projectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Project", projectId))
                .chain(project -> {
                    Chat chat = newChat(caller, projectId, request);
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
