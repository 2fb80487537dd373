package io.switchboard.session.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatService;
import io.switchboard.session.service.HistoryCursor;
import io.switchboard.session.service.MessageHistoryService;

@Path("/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatService chats;
    private final MessageHistoryService history;
    private final CurrentCaller caller;

    public ChatResource(ChatService chats, MessageHistoryService history, CurrentCaller caller) {
        this.chats = chats;
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Path("/{chatId}")
    public Uni<ChatView> get(@PathParam("chatId") UUID chatId) {
        return chats.get(caller.get(), chatId).map(ViewMapper::toView);
    }

    /**
     * The chat's finished messages in conversation order; {@code after} (the {@code cursor} of the last message
     * of the previous page) pages forward; {@code afterSeq} keeps only messages written after that stream seq.
     */
    @GET
    @Path("/{chatId}/messages")
    public Uni<List<MessageView>> messages(@PathParam("chatId") UUID chatId,
            @QueryParam("after") String after,
            @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return history.history(caller.get(), chatId, HistoryCursor.parse(after), afterSeq, limit)
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }
}
