package io.switchboard.session.rest;

import java.net.URI;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ChatImportApi;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatFileReader;
import io.switchboard.session.service.ChatImportService;

/**
 * A chat file imported as a new chat of the project. The body is taken as bytes and read by
 * {@link ChatFileReader}: its size is checked before it is parsed, and every fault is named with its place in the
 * file ({@code messages[17].content}). A class of its own for the same reason as {@link ChatExportResource}.
 */
@Authenticated
public class ChatImportResource implements ChatImportApi {

    private final ChatFileReader reader;
    private final ChatImportService imports;
    private final CurrentCaller caller;

    public ChatImportResource(ChatFileReader reader, ChatImportService imports, CurrentCaller caller) {
        this.reader = reader;
        this.imports = imports;
        this.caller = caller;
    }

    /** 201 with the new chat; ChatCreated is committed with it and relayed right after. */
    @Override
    public Uni<RestResponse<ChatView>> importChat(UUID projectId, byte[] body) {
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
