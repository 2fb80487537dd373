package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionServiceClient;
import io.switchboard.gateway.service.ChatCommands;
import io.switchboard.gateway.service.CommandAccepted;
import io.switchboard.gateway.service.MessageAccepted;
import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.kit.validation.SafeText;

@Path("/api/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class ChatsResource {

    private final SessionServiceClient sessions;
    private final ChatCommands commands;
    private final CurrentCaller caller;

    public ChatsResource(@RestClient SessionServiceClient sessions, ChatCommands commands, CurrentCaller caller) {
        this.sessions = sessions;
        this.commands = commands;
        this.caller = caller;
    }

    @GET
    @Path("/{chatId}")
    @Operation(summary = "One chat", description = "Another tenant's chat answers 404, exactly like a missing one.")
    @APIResponse(responseCode = "200", description = "The chat")
    @APIResponse(ref = "NotFound")
    public Uni<JsonNode> get(@PathParam("chatId") UUID chatId) {
        return sessions.getChat(caller.bearer(), chatId);
    }

    @GET
    @Path("/{chatId}/messages")
    @Operation(summary = "The chat's finished messages",
            description = "In conversation order: each question, then its answer. Pages forward by seq.")
    @APIResponse(responseCode = "200", description = "Messages with seq > afterSeq, at most limit of them")
    @APIResponse(ref = "NotFound")
    public Uni<JsonNode> history(@PathParam("chatId") UUID chatId,
            @Parameter(description = "The cursor of the last message of the previous page; pages follow the listed "
                    + "order, so a question queued while an answer streamed is never skipped")
            @QueryParam("after") @SafeText(max = 40) String after,
            @Parameter(description = "Only messages written after this chat.events seq")
            @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
            @Parameter(description = "At most this many messages (1-1000)")
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return sessions.messages(caller.bearer(), chatId, after, afterSeq, limit);
    }

    @POST
    @Path("/{chatId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message",
            description = "Answers 202 once the SendMessage command is durably on chat.commands; the answer streams "
                    + "over the WebSocket. delivery=now stops the running turn and runs this message next. "
                    + "Resending the same clientMessageId (or Idempotency-Key) is a no-op.")
    @APIResponse(responseCode = "202", description = "The message is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<MessageAccepted>> send(@PathParam("chatId") UUID chatId,
            @Parameter(description = "Stands in for clientMessageId")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull MessageDraft request) {
        // Checked by ChatCommands, the one place every message is checked, whichever door it came through.
        MessageDraft draft = IdempotencyKeys.apply(idempotencyKey, request);
        return commands.send(caller.get(), caller.bearer(), chatId, draft).map(RestResponse::accepted);
    }

    @POST
    @Path("/{chatId}/stop")
    @Operation(summary = "Stop the running turn",
            description = "StopTurn: the running turn ends as TurnCancelled(reason=stopped); queued turns stay and "
                    + "the next one starts.")
    @APIResponse(responseCode = "202", description = "The command is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> stop(@PathParam("chatId") UUID chatId,
            @Parameter(description = "Stop only this turn: a stop repeated after it ended stops nothing else")
            @QueryParam("turnId") UUID turnId) {
        return commands.stop(caller.get(), caller.bearer(), chatId, turnId).map(RestResponse::accepted);
    }
}
