package io.switchboard.session.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.SafeText;

/**
 * Projects and their chats. Every call carries the caller's bearer token; a project the caller is no member of, or
 * of another tenant, answers 404 like a missing one.
 */
@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ProjectsApi {

    String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** 201 with the project, its default chat made with it; the caller is its owner. */
    @POST
    Uni<RestResponse<ProjectView>> createProject(@Valid @NotNull CreateProjectRequest request);

    @GET
    Uni<List<ProjectView>> listProjects();

    @GET
    @Path("/{projectId}")
    Uni<ProjectView> getProject(@PathParam("projectId") UUID projectId);

    /** 201 with a new chat; 200 with the chat an earlier request with the same Idempotency-Key created. */
    @POST
    @Path("/{projectId}/chats")
    Uni<RestResponse<ChatView>> createChat(@PathParam("projectId") UUID projectId,
            @HeaderParam(IDEMPOTENCY_KEY) @SafeText(max = 100)
            @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
            String idempotencyKey,
            @Valid CreateChatRequest request);

    /**
     * A page of the project's chats, most recent activity first, optionally only those with a status
     * ({@code active}, {@code archived}, {@code completed}) or pinning. {@code after} is the {@code cursor} of the
     * last chat of the previous page; a page shorter than {@code limit} is the last one. The parameters are texts
     * so that a bad one is answered with a problem naming it.
     */
    @GET
    @Path("/{projectId}/chats")
    Uni<List<ChatView>> listChats(@PathParam("projectId") UUID projectId, @QueryParam("status") String status,
            @QueryParam("pinned") String pinned, @QueryParam("after") String after,
            @QueryParam("limit") String limit);
}
