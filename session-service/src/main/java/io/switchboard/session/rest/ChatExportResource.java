package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.service.ChatExportService;

/**
 * A chat as a chat file, to download. A class of its own under the chat's path: a second class sharing
 * {@code /chats} with {@link ChatResource} would leave the router to choose between them.
 */
@Path("/chats/{chatId}/export")
@Authenticated
public class ChatExportResource {

    private final ChatExportService exports;
    private final CurrentCaller caller;

    public ChatExportResource(ChatExportService exports, CurrentCaller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<byte[]>> export(@PathParam("chatId") UUID chatId) {
        return exports.export(caller.get(), chatId)
                .map(json -> RestResponse.ResponseBuilder.ok(json, MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"chat-" + chatId + ".json\"")
                        .build());
    }
}
