package io.switchboard.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.ChatServiceClient;
import io.switchboard.kit.security.CurrentCaller;

@Path("/api/models")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models")
public class ModelsResource {

    private final ChatServiceClient chatService;
    private final CurrentCaller caller;

    public ModelsResource(@RestClient ChatServiceClient chatService, CurrentCaller caller) {
        this.chatService = chatService;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The models chats can use",
            description = "As chat-service has them configured: {\"defaultModel\", \"models\": [{\"name\", "
                    + "\"provider\", \"contextWindowTokens\", \"supportsTools\"}]}.")
    @APIResponse(responseCode = "200", description = "The default model and every configured one")
    public Uni<JsonNode> list() {
        return chatService.models(caller.bearer());
    }
}
