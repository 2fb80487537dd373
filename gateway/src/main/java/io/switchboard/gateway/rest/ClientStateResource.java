package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionClientStateClient;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.session.api.ClientStateBody;

/** The caller's own client-state document for a chat (open files, scroll position, draft), versioned. */
@Path("/api/chats/{chatId}/client-state")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "UI state")
public class ClientStateResource {

    private final SessionClientStateClient states;

    public ClientStateResource(@RestClient SessionClientStateClient states) {
        this.states = states;
    }

    @GET
    @Operation(summary = "The caller's client state for the chat",
            description = "{chatId, version, state, updatedAt}; version 0 and an empty object before the first write.")
    @APIResponse(responseCode = "200", description = "The state")
    @APIResponse(ref = "NotFound")
    public Uni<ClientStateBody> get(@PathParam("chatId") UUID chatId) {
        return DownstreamReads.retried(states.clientState(chatId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the caller's client state for the chat",
            description = "The body is the whole document: a JSON object of at most 16 KiB (compact UTF-8; "
                    + "switchboard.session.views.client-state-max-bytes), else 400 or 413.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<ClientStateBody> put(@PathParam("chatId") UUID chatId,
            @Parameter(description = "The version as last read (0 before the first write); required")
            @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ProblemException.badRequest("The client state must be a JSON object");
        }
        return states.putClientState(chatId, IfMatchHeader.checked(ifMatch), document);
    }
}
