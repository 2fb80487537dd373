package io.switchboard.session.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.consumer.FailureClassifier;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.api.CreateChatRequest;
import io.switchboard.session.api.CreateProjectRequest;
import io.switchboard.session.api.ProjectView;
import io.switchboard.session.api.ProjectsApi;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatFilter;
import io.switchboard.session.service.ChatListCursor;
import io.switchboard.session.service.ChatService;
import io.switchboard.session.service.ProjectService;

@Authenticated
public class ProjectResource implements ProjectsApi {

    private static final String UNIQUE_VIOLATION = "23505";

    private final ProjectService projects;
    private final ChatService chats;
    private final CurrentCaller caller;
    private final SessionConfig config;

    public ProjectResource(ProjectService projects, ChatService chats, CurrentCaller caller,
            SessionConfig config) {
        this.projects = projects;
        this.chats = chats;
        this.caller = caller;
        this.config = config;
    }

    /** Creates the project with its default chat, whose ChatCreated is committed with them. */
    @Override
    public Uni<RestResponse<ProjectView>> createProject(CreateProjectRequest request) {
        return projects.create(caller.get(), request.name())
                .map(project -> RestResponse.ResponseBuilder.<ProjectView>created(URI.create("/projects/" + project.project().id))
                        .entity(ViewMapper.toView(project)).build());
    }

    @Override
    public Uni<List<ProjectView>> listProjects() {
        return projects.list(caller.get()).map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    @Override
    public Uni<ProjectView> getProject(UUID projectId) {
        return projects.get(caller.get(), projectId).map(ViewMapper::toView);
    }

    /**
     * Creates a chat (201) without waiting for Kafka: ChatCreated is committed with it and relayed right after.
     * Repeated with the same Idempotency-Key, it answers 200 with the chat the first request created.
     */
    @Override
    public Uni<RestResponse<ChatView>> createChat(UUID projectId,
            String idempotencyKey,
            CreateChatRequest request) {
        Caller who = caller.get();
        return chats.create(who, projectId, request, idempotencyKey)
                // Two requests with one key at once: the second insert meets the first's unique key.
                .onFailure(failure -> idempotencyKey != null
                        && FailureClassifier.findSqlState(failure).filter(UNIQUE_VIOLATION::equals).isPresent())
                .recoverWithUni(() -> chats.createdEarlier(who, projectId, idempotencyKey))
                .map(created -> {
                    ChatView view = ViewMapper.toView(created.chat());
                    return created.fresh()
                            ? RestResponse.ResponseBuilder.<ChatView>created(URI.create("/chats/" + view.id()))
                                    .entity(view).build()
                            : RestResponse.ok(view);
                });
    }

    /**
     * A page of the project's chats, most recent activity first, optionally only those with a status or
     * pinning. {@code after} is the {@code cursor} of the last chat of the previous page; a page shorter than
     * {@code limit} is the last one.
     */
    @Override
    public Uni<List<ChatView>> listChats(UUID projectId,
            String status,
            String pinned,
            String after,
            String limit) {
        ChatFilter filter = ChatFilter.parse(status, pinned);
        ChatListCursor cursor = ChatListCursor.parse(after);
        return chats.listForProject(caller.get(), projectId, filter, cursor,
                        QueryParams.integer(limit, "limit", config.chatListDefaultPage()))
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }
}
