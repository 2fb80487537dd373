package io.switchboard.gateway.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionImportClient;
import io.switchboard.session.api.ChatView;

/**
 * A chat file imported as a new chat of the project. Unlike other bodies, the file is not read here but passed
 * on as it came: session-service reads it whole, by the same text rules, and names every fault with its place in
 * the file; reading 4 MiB twice would only double the work. A class of its own, as {@link ChatExportResource}.
 */
@Path("/api/projects/{projectId}/chats/import")
@Authenticated
@Tag(name = "Projects")
public class ChatImportResource {

    private final SessionImportClient imports;

    public ChatImportResource(@RestClient SessionImportClient imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a chat file as a new chat in the project",
            description = "The body is a chat file as GET /api/chats/{chatId}/export writes it (docs/api.md, "
                    + "\"Chat files\"). The new chat has new ids and the file's title, description, model, pinning "
                    + "and messages in the file's order; it is active. ChatCreated is published. A file that is "
                    + "not valid JSON, of another format or version, or with any invalid field is a 400 problem "
                    + "naming the field (messages[17].content); more than the configured messages or bytes "
                    + "(10,000 and 4 MiB by default) a 413. Nothing of a refused file is kept.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "A chat file: {\"format\": "
                    + "\"switchboard-chat\", \"version\": 1, \"chat\": {...}, \"messages\": [...]}")))
    @APIResponse(responseCode = "201", description = "The new chat; Location names it")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<ChatView>> importChat(@PathParam("projectId") UUID projectId, byte[] file) {
        return imports.importChat(projectId, file == null ? new byte[0] : file)
                .map(answer -> RestResponse.ResponseBuilder.<ChatView>created(
                        URI.create("/api/chats/" + answer.getEntity().id())).entity(answer.getEntity()).build());
    }
}
