package io.switchboard.session.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * A chat as a chat file (format {@code switchboard-chat}, docs/api.md), to download. A path of its own: an interface
 * sharing {@code /chats} with {@link ChatsApi} would leave the router to choose between them.
 */
@Path("/chats/{chatId}/export")
public interface ChatExportApi {

    /** The chat file as bytes, with a {@code Content-Disposition} naming it. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<byte[]>> exportChat(@PathParam("chatId") UUID chatId);
}
