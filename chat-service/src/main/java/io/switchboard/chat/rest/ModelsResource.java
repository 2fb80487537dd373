package io.switchboard.chat.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.llm.ModelRegistry;

/** The models chats can select; the gateway offers it as {@code GET /api/models}. */
@Path("/models")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelRegistry registry;

    public ModelsResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Uni<ModelsView> list() {
        return Uni.createFrom().item(() -> new ModelsView(registry.defaultModel(), registry.descriptions()));
    }
}
