package io.switchboard.session.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.consumer.FailureClassifier;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.kit.validation.SafeText;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatFilter;
import io.switchboard.session.service.ChatListCursor;
import io.switchboard.session.service.ChatService;
import io.switchboard.session.service.ProjectService;

@Path("/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
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
    @POST
    public Uni<RestResponse<ProjectView>> create(@Valid @NotNull CreateProjectRequest request) {
        return projects.create(caller.get(), request.name())
                .map(project -> RestResponse.ResponseBuilder.<ProjectView>created(URI.create("/projects/" + project.project().id))
                        .entity(ViewMapper.toView(project)).build());
    }

    @GET
    public Uni<List<ProjectView>> list() {
        return projects.list(caller.get()).map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    @GET
    @Path("/{projectId}")
    public Uni<ProjectView> get(@PathParam("projectId") UUID projectId) {
        return projects.get(caller.get(), projectId).map(ViewMapper::toView);
    }

    /**
     * Creates a chat (201) without waiting for Kafka: ChatCreated is committed with it and relayed right after.
     * Repeated with the same Idempotency-Key, it answers 200 with the chat the first request created.
     */
    @POST
    @Path("/{projectId}/chats")
    public Uni<RestResponse<ChatView>> createChat(@PathParam("projectId") UUID projectId,
            @HeaderParam(IDEMPOTENCY_KEY) @SafeText(max = 100)
            @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
            String idempotencyKey,
            @Valid CreateChatRequest request) {
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
    @GET
    @Path("/{projectId}/chats")
    public Uni<List<ChatView>> listChats(@PathParam("projectId") UUID projectId,
            @QueryParam("status") String status,
            @QueryParam("pinned") String pinned,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        ChatFilter filter = ChatFilter.parse(status, pinned);
        ChatListCursor cursor = ChatListCursor.parse(after);
        return chats.listForProject(caller.get(), projectId, filter, cursor,
                        QueryParams.integer(limit, "limit", config.chatListDefaultPage()))
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }
}
