package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.ws.rs.PUT;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ClientStateApi;
import io.switchboard.session.api.ClientStateBody;
import io.switchboard.session.mapping.SplitViewMapper;
import io.switchboard.session.service.ClientStateService;

/** The caller's own client-state document for a chat: the body of a PUT is the whole JSON object. */
@Authenticated
public class ClientStateResource implements ClientStateApi {

    private final ClientStateService states;
    private final CurrentCaller caller;

    public ClientStateResource(ClientStateService states, CurrentCaller caller) {
        this.states = states;
        this.caller = caller;
    }

    @Override
    public Uni<ClientStateBody> clientState(UUID chatId) {
        return states.get(caller.get(), chatId).map(SplitViewMapper::toBody);
    }

    /** Replaces the document; If-Match names the version read (0 before the first write). */
    @Override
    public Uni<ClientStateBody> putClientState(UUID chatId, String ifMatch,
            JsonNode document) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(states.put(caller.get(), chatId, expected, document))
                .map(SplitViewMapper::toBody);
    }
}
