package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.SplitViewMapper;
import io.switchboard.session.service.ClientStateService;

/** The caller's own client-state document for a chat: the body of a PUT is the whole JSON object. */
@Path("/chats/{chatId}/client-state")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientStateResource {

    private final ClientStateService states;
    private final CurrentCaller caller;

    public ClientStateResource(ClientStateService states, CurrentCaller caller) {
        this.states = states;
        this.caller = caller;
    }

    @GET
    public Uni<ClientStateBody> get(@PathParam("chatId") UUID chatId) {
        return states.get(caller.get(), chatId).map(SplitViewMapper::toBody);
    }

    /** Replaces the document; If-Match names the version read (0 before the first write). */
    @PUT
    public Uni<ClientStateBody> put(@PathParam("chatId") UUID chatId, @HeaderParam(IfMatch.HEADER) String ifMatch,
            JsonNode document) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(states.put(caller.get(), chatId, expected, document))
                .map(SplitViewMapper::toBody);
    }
}
