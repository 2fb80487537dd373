package io.switchboard.gateway.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.SafeText;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionProjectsClient;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.api.CreateChatRequest;
import io.switchboard.session.api.CreateProjectRequest;
import io.switchboard.session.api.ProjectView;

/**
 * Projects and their chats; stored by session-service, which checks the caller's token again. Bodies are
 * read into the records session-service takes and checked here, so a bad text never leaves the gateway.
 */
@Path("/api/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects")
public class ProjectsResource {

    private final SessionProjectsClient projects;

    public ProjectsResource(@RestClient SessionProjectsClient projects) {
        this.projects = projects;
    }

    @POST
    @Operation(summary = "Create a project", description = "Body {\"name\"} (1-200 characters). The project comes "
            + "with its default chat, \"Main conversation\", which cannot be deleted.")
    @APIResponse(responseCode = "201", description = "The project; Location names it")
    public Uni<RestResponse<ProjectView>> create(@Valid @NotNull CreateProjectRequest body) {
        return projects.createProject(body)
                .map(answer -> created("/api/projects/" + answer.getEntity().id(), answer.getEntity()));
    }

    @GET
    @Operation(summary = "The caller's projects")
    @APIResponse(responseCode = "200", description = "Every project of the caller's tenant")
    public Uni<List<ProjectView>> list() {
        return DownstreamReads.retried(projects.listProjects());
    }

    @GET
    @Path("/{projectId}")
    @Operation(summary = "One project")
    @APIResponse(responseCode = "200", description = "The project")
    @APIResponse(ref = "NotFound")
    public Uni<ProjectView> get(@PathParam("projectId") UUID projectId) {
        return DownstreamReads.retried(projects.getProject(projectId));
    }

    @POST
    @Path("/{projectId}/chats")
    @Operation(summary = "Create a chat in the project",
            description = "Body (optional fields) {\"title\", \"model\"}; the model defaults to offline. ChatCreated "
                    + "is published and the chat's git branch is cut.")
    @APIResponse(responseCode = "201", description = "The chat; Location names it")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<ChatView>> createChat(@PathParam("projectId") UUID projectId,
            @Parameter(description = "Repeating the creation with the same key answers 200 with the same chat")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid CreateChatRequest body) {
        // No body at all leaves every field to session-service's defaults.
        CreateChatRequest request = body == null ? new CreateChatRequest(null, null) : body;
        return projects.createChat(projectId, IdempotencyKeys.checked(idempotencyKey), request)
                .map(answer -> answer.getStatus() == 201
                        ? created("/api/chats/" + answer.getEntity().id(), answer.getEntity())
                        : RestResponse.ok(answer.getEntity()));
    }

    @GET
    @Path("/{projectId}/chats")
    @Operation(summary = "The project's chats",
            description = "A page of the project's chats, most recent activity first (lastActivityAt: the last "
                    + "message, or the creation), optionally only those with a status or pinning. Each chat carries "
                    + "the caller's own unread count, busy (a turn running or queued) and its cursor; pass the last "
                    + "chat's cursor as after for the next page. A page shorter than limit is the last.")
    @APIResponse(responseCode = "200", description = "One page of chats")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<List<ChatView>> listChats(@PathParam("projectId") UUID projectId,
            @Parameter(description = "active, archived or completed") @QueryParam("status") @SafeText(max = 20)
            String status,
            @Parameter(description = "true or false") @QueryParam("pinned") @SafeText(max = 10) String pinned,
            @Parameter(description = "The cursor of the last chat of the previous page")
            @QueryParam("after") @SafeText(max = 200) String after,
            @Parameter(description = "At most this many chats (1-200, default 50)")
            @QueryParam("limit") @SafeText(max = 10) String limit) {
        return DownstreamReads.retried(projects.listChats(projectId, status, pinned, after, limit));
    }

    private static <T> RestResponse<T> created(String location, T body) {
        return RestResponse.ResponseBuilder.<T>created(URI.create(location)).entity(body).build();
    }
}
