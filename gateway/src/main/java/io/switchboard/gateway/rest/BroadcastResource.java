package io.switchboard.gateway.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.service.BroadcastAccepted;
import io.switchboard.gateway.service.ChatCommands;
import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.CurrentCaller;

@Path("/api/broadcast")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class BroadcastResource {

    private final ChatCommands commands;
    private final CurrentCaller caller;

    public BroadcastResource(ChatCommands commands, CurrentCaller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Send one message to many chats",
            description = "One SendMessage per chat, each answered by that chat's own model. Either chatIds (each "
                    + "must be the caller's: one unknown chat refuses the whole request and nothing is sent) or "
                    + "projectId (every active chat of the project). The number of chats is limited "
                    + "(switchboard.api.broadcast-max-chats, default 50).")
    @APIResponse(responseCode = "202", description = "Every message is on its way")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<BroadcastAccepted>> broadcast(
            @Parameter(description = "Stands in for clientMessageId")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull BroadcastRequest request) {
        MessageDraft draft = IdempotencyKeys.apply(idempotencyKey, request.draft());
        boolean byChats = request.chatIds() != null;
        if (byChats == (request.projectId() != null)) {
            throw ProblemException.badRequest("Give either chatIds or projectId");
        }
        Uni<BroadcastAccepted> accepted = byChats
                ? commands.broadcastToChats(caller.get(), caller.bearer(), request.chatIds(), draft)
                : commands.broadcastToProject(caller.get(), caller.bearer(), request.projectId(), draft);
        return accepted.map(RestResponse::accepted);
    }
}
