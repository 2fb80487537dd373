package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.service.ChatCommands;
import io.switchboard.gateway.service.CommandAccepted;
import io.switchboard.gateway.service.PendingCommand;
import io.switchboard.gateway.service.TurnEdit;
import io.switchboard.kit.security.CurrentCaller;

/**
 * Commands on one turn of a chat. Whether the turn exists and is still in the right state is chat-service's
 * to say, asynchronously: it answers with TurnCancelled, QueuedTurnEdited or CommandRejected on chat.events.
 */
@Path("/api/chats/{chatId}/turns/{turnId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class TurnsResource {

    private final ChatCommands commands;
    private final CurrentCaller caller;

    public TurnsResource(ChatCommands commands, CurrentCaller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @Path("/cancel")
    @Operation(summary = "Cancel a queued or running turn", description = "CancelTurn; same as DELETE on the turn.")
    @APIResponse(responseCode = "202", description = "The command is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> cancel(@PathParam("chatId") UUID chatId,
            @PathParam("turnId") UUID turnId) {
        return commands.cancel(caller.get(), caller.bearer(), chatId, turnId).chain(PendingCommand::acknowledged)
                .map(RestResponse::accepted);
    }

    @DELETE
    @Operation(summary = "Cancel a queued or running turn", description = "CancelTurn; same as POST .../cancel.")
    @APIResponse(responseCode = "202", description = "The command is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> delete(@PathParam("chatId") UUID chatId,
            @PathParam("turnId") UUID turnId) {
        return cancel(chatId, turnId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the text of a queued turn", description = "EditQueuedTurn; PATCH does the same.")
    @APIResponse(responseCode = "202", description = "The command is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> edit(@PathParam("chatId") UUID chatId, @PathParam("turnId") UUID turnId,
            @NotNull TurnEdit request) {
        // Checked by ChatCommands, like the same edit sent over the WebSocket.
        return commands.editQueued(caller.get(), caller.bearer(), chatId, turnId, request)
                .chain(PendingCommand::acknowledged).map(RestResponse::accepted);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the text of a queued turn", description = "EditQueuedTurn; PUT does the same.")
    @APIResponse(responseCode = "202", description = "The command is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> patch(@PathParam("chatId") UUID chatId, @PathParam("turnId") UUID turnId,
            @NotNull TurnEdit request) {
        return edit(chatId, turnId, request);
    }
}
