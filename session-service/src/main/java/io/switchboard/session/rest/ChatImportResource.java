package io.switchboard.session.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatFileReader;
import io.switchboard.session.service.ChatImportService;

/**
 * A chat file imported as a new chat of the project. The body is taken as bytes and read by
 * {@link ChatFileReader}: its size is checked before it is parsed, and every fault is named with its place in the
 * file ({@code messages[17].content}). A class of its own for the same reason as {@link ChatExportResource}.
 */
@Path("/projects/{projectId}/chats/import")
@Authenticated
public class ChatImportResource {

    private final ChatFileReader reader;
    private final ChatImportService imports;
    private final CurrentCaller caller;

    public ChatImportResource(ChatFileReader reader, ChatImportService imports, CurrentCaller caller) {
        this.reader = reader;
        this.imports = imports;
        this.caller = caller;
    }

    /** 201 with the new chat; ChatCreated is committed with it and relayed right after. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ChatView>> importChat(@PathParam("projectId") UUID projectId, byte[] body) {
        Caller who = caller.get();
        return Uni.createFrom().item(() -> reader.read(body == null ? new byte[0] : body))
                .chain(file -> imports.importChat(who, projectId, file))
                .map(summary -> {
                    ChatView view = ViewMapper.toView(summary);
                    return RestResponse.ResponseBuilder.<ChatView>created(URI.create("/chats/" + view.id()))
                            .entity(view).build();
                });
    }
}
