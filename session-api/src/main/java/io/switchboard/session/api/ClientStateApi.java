package io.switchboard.session.api;

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

import io.smallrye.mutiny.Uni;

/** The caller's own client-state document for a chat (open files, scroll position, draft): a JSON object. */
@Path("/chats/{chatId}/client-state")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ClientStateApi {

    @GET
    Uni<ClientStateBody> clientState(@PathParam("chatId") UUID chatId);

    /** Replaces the document; {@code If-Match} names the version read (0 before the first write; 428 without). */
    @PUT
    Uni<ClientStateBody> putClientState(@PathParam("chatId") UUID chatId, @HeaderParam("If-Match") String ifMatch,
            JsonNode document);
}
