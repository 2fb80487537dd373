package io.switchboard.gateway.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionServiceClient;

/** Projects and their chats; stored by session-service, which checks the caller's token again. */
@Path("/api/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectsResource {

    private final SessionServiceClient sessions;
    private final JsonWebToken token;

    public ProjectsResource(@RestClient SessionServiceClient sessions, JsonWebToken token) {
        this.sessions = sessions;
        this.token = token;
    }

    /** Body: {@code {"name": "..."}}. */
    @POST
    public Uni<RestResponse<JsonNode>> create(@NotNull JsonNode body) {
        return sessions.createProject(bearer(), body)
                .map(project -> created("/api/projects/" + project.path("id").asText(), project));
    }

    @GET
    public Uni<JsonNode> list() {
        return sessions.listProjects(bearer());
    }

    @GET
    @Path("/{projectId}")
    public Uni<JsonNode> get(@PathParam("projectId") UUID projectId) {
        return sessions.getProject(bearer(), projectId);
    }

    /** Body (optional fields): {@code {"title": "...", "model": "offline"}}. */
    @POST
    @Path("/{projectId}/chats")
    public Uni<RestResponse<JsonNode>> createChat(@PathParam("projectId") UUID projectId, JsonNode body) {
        JsonNode request = body == null ? JsonNodeFactory.instance.objectNode() : body;
        return sessions.createChat(bearer(), projectId, request)
                .map(chat -> created("/api/chats/" + chat.path("id").asText(), chat));
    }

    @GET
    @Path("/{projectId}/chats")
    public Uni<JsonNode> listChats(@PathParam("projectId") UUID projectId) {
        return sessions.listChats(bearer(), projectId);
    }

    private String bearer() {
        return "Bearer " + token.getRawToken();
    }

    private static RestResponse<JsonNode> created(String location, JsonNode body) {
        return RestResponse.ResponseBuilder.<JsonNode>created(URI.create(location)).entity(body).build();
    }
}
