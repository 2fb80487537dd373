package io.switchboard.session.api;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * A chat file imported as a new chat of the project. The file travels as bytes: its size is checked before it is
 * parsed, and every fault is named with its place in the file ({@code messages[17].content}).
 */
@Path("/projects/{projectId}/chats/import")
public interface ChatImportApi {

    /** 201 with the new chat; nothing of a refused file is kept. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<ChatView>> importChat(@PathParam("projectId") UUID projectId, byte[] file);
}
