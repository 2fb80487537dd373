package io.switchboard.session.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.ViewsConfig;
import io.switchboard.session.model.ChatClientState;
import io.switchboard.session.repository.ChatClientStateRepository;

/**
 * The JSON object a user's client keeps per chat (open files, scroll position, draft), versioned so that two
 * devices cannot overwrite each other unseen: a write names the version it read, 0 for the first one.
 */
@ApplicationScoped
public class ClientStateService {

    private final ChatClientStateRepository states;
    private final ProjectAccess access;
    private final ObjectMapper mapper;
    /** Non-ASCII escaped: whatever a string in the document holds, even a lone surrogate, is stored as sent. */
    private final ObjectWriter storage;
    private final ViewsConfig config;

    public ClientStateService(ChatClientStateRepository states, ProjectAccess access, ObjectMapper mapper,
            ViewsConfig config) {
        this.states = states;
        this.access = access;
        this.mapper = mapper;
        this.storage = mapper.writer().with(JsonGenerator.Feature.ESCAPE_NON_ASCII);
        this.config = config;
    }

    @TenantTransactional
    public Uni<ClientStateSnapshot> get(Caller caller, UUID chatId) {
        return visibleChat(caller, chatId)
                .chain(() -> states.findOwned(caller.tenantId(), caller.userId(), chatId))
                .map(state -> state == null
                        ? new ClientStateSnapshot(chatId, 0, mapper.createObjectNode(), null)
                        : new ClientStateSnapshot(chatId, state.version, parse(state), state.updatedAt));
    }

    @TenantTransactional
    public Uni<ClientStateSnapshot> put(Caller caller, UUID chatId, long expected, JsonNode document) {
        String stored = checked(document);
        Instant now = Instant.now();
        Uni<Boolean> written = expected == 0
                ? states.insertFirst(caller.tenantId(), caller.userId(), chatId, stored, now)
                : states.replace(caller.tenantId(), caller.userId(), chatId, expected, stored, now);
        return visibleChat(caller, chatId).chain(() -> written).chain(done -> {
            if (done) {
                Log.debugf("chatId=%s client state of %s now at version %d", chatId, caller.userId(), expected + 1);
                return Uni.createFrom().item(new ClientStateSnapshot(chatId, expected + 1, document, now));
            }
            return states.findOwned(caller.tenantId(), caller.userId(), chatId).map(current -> {
                throw Versions.stale("The client state of chat " + chatId, current == null ? 0 : current.version,
                        expected);
            });
        });
    }

    private String checked(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ProblemException.badRequest("The client state must be a JSON object");
        }
        try {
            int bytes = mapper.writeValueAsString(document).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > config.clientStateMaxBytes()) {
                throw new ProblemException(413, "urn:switchboard:problem:client-state-too-large",
                        "Client state too large", "The client state is " + bytes + " bytes; at most "
                                + config.clientStateMaxBytes() + " are kept per chat");
            }
            return storage.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The client state cannot be written as JSON");
        }
    }

    private JsonNode parse(ChatClientState state) {
        try {
            return mapper.readTree(state.document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chatId=" + state.chatId + " has a client state that is not JSON", e);
        }
    }

    private Uni<Void> visibleChat(Caller caller, UUID chatId) {
        return access.chatToRead(caller, chatId)
                .replaceWithVoid();
    }
}
