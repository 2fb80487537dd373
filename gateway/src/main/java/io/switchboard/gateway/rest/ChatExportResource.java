package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionExportClient;

/**
 * A chat as a chat file, to download; written by session-service and passed on unchanged. A class of its own
 * under the chat's path: a second class sharing {@code /api/chats} with {@link ChatsResource} would leave the
 * router to choose between them.
 */
@Path("/api/chats/{chatId}/export")
@Authenticated
@Tag(name = "Chats")
public class ChatExportResource {

    private final SessionExportClient exports;

    public ChatExportResource(@RestClient SessionExportClient exports) {
        this.exports = exports;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the chat as a chat file",
            description = "The chat's metadata and whole history in the documented format switchboard-chat, "
                    + "version 1 (docs/api.md, \"Chat files\"), as an attachment. A chat with more than the "
                    + "configured messages or bytes (10,000 and 4 MiB by default) is a 409 problem "
                    + "too-large-to-export: every exported file can be imported again.")
    @APIResponse(responseCode = "200", description = "The chat file")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<byte[]>> export(@PathParam("chatId") UUID chatId) {
        return DownstreamReads.retried(exports.exportChat(chatId))
                .map(file -> {
                    String disposition = file.getHeaderString(HttpHeaders.CONTENT_DISPOSITION);
                    return RestResponse.ResponseBuilder.ok(file.getEntity(), MediaType.APPLICATION_JSON_TYPE)
                            .header(HttpHeaders.CONTENT_DISPOSITION, disposition != null ? disposition
                                    : "attachment; filename=\"chat-" + chatId + ".json\"")
                            .build();
                });
    }
}
