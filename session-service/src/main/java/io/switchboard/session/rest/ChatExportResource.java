package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ChatExportApi;
import io.switchboard.session.service.ChatExportService;

/**
 * A chat as a chat file, to download. A class of its own under the chat's path: a second class sharing
 * {@code /chats} with {@link ChatResource} would leave the router to choose between them.
 */
@Authenticated
public class ChatExportResource implements ChatExportApi {

    private final ChatExportService exports;
    private final CurrentCaller caller;

    public ChatExportResource(ChatExportService exports, CurrentCaller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @Override
    public Uni<RestResponse<byte[]>> exportChat(UUID chatId) {
        return exports.export(caller.get(), chatId)
                .map(json -> RestResponse.ResponseBuilder.ok(json, MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"chat-" + chatId + ".json\"")
                        .build());
    }
}
