package io.switchboard.session.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.kit.validation.SafeText;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatCopyService;
import io.switchboard.session.service.ChatLifecycleService;
import io.switchboard.session.service.ChatSearchService;
import io.switchboard.session.service.ChatService;
import io.switchboard.session.service.ChatSummary;
import io.switchboard.session.service.HistoryCursor;
import io.switchboard.session.service.MessageHistoryService;

/**
 * A chat and what can be done to it. Every change answers without waiting for Kafka: its event is committed
 * with it and relayed right after.
 */
@Path("/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private static final int DEFAULT_SEARCH_RESULTS = 20;

    private final ChatService chats;
    private final ChatLifecycleService lifecycle;
    private final ChatCopyService copies;
    private final ChatSearchService search;
    private final MessageHistoryService history;
    private final CurrentCaller caller;

    public ChatResource(ChatService chats, ChatLifecycleService lifecycle, ChatCopyService copies,
            ChatSearchService search, MessageHistoryService history, CurrentCaller caller) {
        this.chats = chats;
        this.lifecycle = lifecycle;
        this.copies = copies;
        this.search = search;
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Path("/{chatId}")
    public Uni<ChatView> get(@PathParam("chatId") UUID chatId) {
        return chats.summary(caller.get(), chatId).map(ViewMapper::toView);
    }

    /**
     * Full-text search over the titles, descriptions and messages of the caller's tenant's chats, or of one
     * project's; each chat once, with the snippet that matched.
     */
    @GET
    @Path("/search")
    public Uni<List<ChatSearchHit>> search(@QueryParam("q") @SafeText(max = 200) String query,
            @QueryParam("projectId") String projectId,
            @QueryParam("limit") String limit) {
        return search.search(caller.get(), query, QueryParams.uuid(projectId, "projectId"),
                        QueryParams.integer(limit, "limit", DEFAULT_SEARCH_RESULTS))
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    /**
     * The chat's finished messages in conversation order. {@code after} (the {@code cursor} of the last message
     * of the previous page) pages forward; {@code before} (the cursor of the first message of a page) pages
     * back, still in conversation order; without either, the first page. {@code afterSeq} keeps only messages
     * written after that stream seq.
     */
    @GET
    @Path("/{chatId}/messages")
    public Uni<List<MessageView>> messages(@PathParam("chatId") UUID chatId,
            @QueryParam("after") String after,
            @QueryParam("before") String before,
            @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return history.history(caller.get(), chatId, HistoryCursor.parse(after, "after", null),
                        HistoryCursor.parse(before, "before", null), afterSeq, limit)
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    /** Changes title, description, model or pinning; an absent field stays as it is. */
    @PATCH
    @Path("/{chatId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ChatView> update(@PathParam("chatId") UUID chatId, @Valid @NotNull UpdateChatRequest request) {
        return answered(lifecycle.update(caller.get(), chatId, request));
    }

    @POST
    @Path("/{chatId}/archive")
    public Uni<ChatView> archive(@PathParam("chatId") UUID chatId) {
        return answered(lifecycle.archive(caller.get(), chatId));
    }

    @POST
    @Path("/{chatId}/restore")
    public Uni<ChatView> restore(@PathParam("chatId") UUID chatId) {
        return answered(lifecycle.restore(caller.get(), chatId));
    }

    @POST
    @Path("/{chatId}/complete")
    public Uni<ChatView> complete(@PathParam("chatId") UUID chatId) {
        return answered(lifecycle.complete(caller.get(), chatId));
    }

    @DELETE
    @Path("/{chatId}")
    public Uni<RestResponse<Void>> delete(@PathParam("chatId") UUID chatId) {
        return lifecycle.delete(caller.get(), chatId)
                .map(nothing -> RestResponse.noContent());
    }

    @POST
    @Path("/{chatId}/duplicate")
    public Uni<RestResponse<ChatView>> duplicate(@PathParam("chatId") UUID chatId) {
        return created(copies.duplicate(caller.get(), chatId));
    }

    @POST
    @Path("/{chatId}/fork")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ChatView>> fork(@PathParam("chatId") UUID chatId,
            @Valid @NotNull ForkChatRequest request) {
        return created(copies.fork(caller.get(), chatId, request.messageId(), request.title()));
    }

    /** Moves the caller's own read position; answers the chat with the caller's unread count after it. */
    @POST
    @Path("/{chatId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ChatView> markRead(@PathParam("chatId") UUID chatId, @Valid MarkReadRequest request) {
        return lifecycle.markRead(caller.get(), chatId, request == null ? null : request.seq())
                .map(ViewMapper::toView);
    }

    private Uni<ChatView> answered(Uni<ChatSummary> change) {
        return change.map(ViewMapper::toView);
    }

    private Uni<RestResponse<ChatView>> created(Uni<ChatSummary> copy) {
        return copy.map(summary -> {
            ChatView view = ViewMapper.toView(summary);
            return RestResponse.ResponseBuilder.<ChatView>created(URI.create("/chats/" + view.id())).entity(view)
                    .build();
        });
    }
}
