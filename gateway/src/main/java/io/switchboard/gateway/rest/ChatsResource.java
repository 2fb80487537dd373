package io.switchboard.gateway.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionServiceClient;
import io.switchboard.gateway.service.MessageService;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.CurrentCaller;

@Path("/api/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChatsResource {

    private final SessionServiceClient sessions;
    private final MessageService messages;
    private final CurrentCaller caller;
    private final JsonWebToken token;

    public ChatsResource(@RestClient SessionServiceClient sessions, MessageService messages, CurrentCaller caller,
            JsonWebToken token) {
        this.sessions = sessions;
        this.messages = messages;
        this.caller = caller;
        this.token = token;
    }

    @GET
    @Path("/{chatId}")
    public Uni<JsonNode> get(@PathParam("chatId") UUID chatId) {
        return sessions.getChat(bearer(), chatId);
    }

    /** The finished messages, in the order the chat's stream produced them. */
    @GET
    @Path("/{chatId}/messages")
    public Uni<JsonNode> history(@PathParam("chatId") UUID chatId,
            @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return sessions.messages(bearer(), chatId, afterSeq, limit);
    }

    /**
     * Sends a message; answers 202 once the command is durably in Kafka. The answer streams over the
     * WebSocket. An {@code Idempotency-Key} header may stand in for {@code clientMessageId}.
     */
    @POST
    @Path("/{chatId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<MessageAccepted>> send(@PathParam("chatId") UUID chatId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull SendMessageRequest request) {
        SendMessageRequest effective = request;
        if (idempotencyKey != null) {
            if (request.clientMessageId() != null && !request.clientMessageId().equals(idempotencyKey)) {
                throw ProblemException.badRequest("Idempotency-Key and clientMessageId differ");
            }
            if (!idempotencyKey.matches("[A-Za-z0-9._:-]{1,100}")) {
                throw ProblemException.badRequest("Idempotency-Key must be 1-100 letters, digits, '.', '_', ':' or '-'");
            }
            effective = new SendMessageRequest(request.text(), request.model(), idempotencyKey);
        }
        return messages.send(caller.get(), bearer(), chatId, effective).map(RestResponse::accepted);
    }

    private String bearer() {
        return "Bearer " + token.getRawToken();
    }
}
