package io.switchboard.session.api;

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

import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.SafeText;

/**
 * A chat and what can be done to it. Every change answers without waiting for Kafka: its session.lifecycle event
 * is committed with it and relayed right after. Another tenant's chat, or one of a project the caller is no member
 * of, answers 404 like a missing one; a change a viewer may not make answers 403.
 */
@Path("/chats")
@Produces(MediaType.APPLICATION_JSON)
public interface ChatsApi {

    @GET
    @Path("/{chatId}")
    Uni<ChatView> getChat(@PathParam("chatId") UUID chatId);

    /**
     * Full-text search over the titles, descriptions and messages of the caller's chats, or of one project's;
     * each chat once, with the snippet that matched.
     */
    @GET
    @Path("/search")
    Uni<List<ChatSearchHit>> searchChats(@QueryParam("q") @SafeText(max = 200) String query,
            @QueryParam("projectId") String projectId, @QueryParam("limit") String limit);

    /**
     * The chat's finished messages in conversation order. {@code after} (the {@code cursor} of the last message of
     * the previous page) pages forward; {@code before} (the cursor of the first message of a page, or {@code end}
     * for the newest page) pages back,
     * still in conversation order. {@code afterSeq} keeps only messages written after that chat.events seq.
     */
    @GET
    @Path("/{chatId}/messages")
    Uni<List<MessageView>> messages(@PathParam("chatId") UUID chatId, @QueryParam("after") String after,
            @QueryParam("before") String before, @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
            @QueryParam("limit") @DefaultValue("500") int limit);

    /** Changes title, description, model or pinning; an absent field stays as it is. */
    @PATCH
    @Path("/{chatId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<ChatView> updateChat(@PathParam("chatId") UUID chatId, @Valid @NotNull UpdateChatRequest request);

    @POST
    @Path("/{chatId}/archive")
    Uni<ChatView> archive(@PathParam("chatId") UUID chatId);

    @POST
    @Path("/{chatId}/restore")
    Uni<ChatView> restore(@PathParam("chatId") UUID chatId);

    @POST
    @Path("/{chatId}/complete")
    Uni<ChatView> complete(@PathParam("chatId") UUID chatId);

    /** 204; the project's default chat answers 409. */
    @DELETE
    @Path("/{chatId}")
    Uni<RestResponse<Void>> deleteChat(@PathParam("chatId") UUID chatId);

    /** 201 with the copy. */
    @POST
    @Path("/{chatId}/duplicate")
    Uni<RestResponse<ChatView>> duplicate(@PathParam("chatId") UUID chatId);

    /** 201 with the fork, holding the history up to and including the turn of the message named. */
    @POST
    @Path("/{chatId}/fork")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<ChatView>> fork(@PathParam("chatId") UUID chatId, @Valid @NotNull ForkChatRequest request);

    /** Moves the caller's own read position; answers the chat with the caller's unread count after it. */
    @POST
    @Path("/{chatId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<ChatView> markRead(@PathParam("chatId") UUID chatId, @Valid MarkReadRequest request);
}
