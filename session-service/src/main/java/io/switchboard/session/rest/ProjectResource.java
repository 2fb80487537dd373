package io.switchboard.session.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.messaging.OutboxRelay;
import io.switchboard.session.service.ChatService;
import io.switchboard.session.service.ProjectService;

@Path("/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final ChatService chats;
    private final CurrentCaller caller;
    private final OutboxRelay relay;

    public ProjectResource(ProjectService projects, ChatService chats, CurrentCaller caller, OutboxRelay relay) {
        this.projects = projects;
        this.chats = chats;
        this.caller = caller;
        this.relay = relay;
    }

    @POST
    public Uni<RestResponse<ProjectView>> create(@Valid @NotNull CreateProjectRequest request) {
        return projects.create(caller.get(), request.name())
                .map(project -> RestResponse.ResponseBuilder.<ProjectView>created(URI.create("/projects/" + project.id))
                        .entity(ViewMapper.toView(project)).build());
    }

    @GET
    public Uni<List<ProjectView>> list() {
        return projects.list(caller.get()).map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    @GET
    @Path("/{projectId}")
    public Uni<ProjectView> get(@PathParam("projectId") UUID projectId) {
        return projects.get(caller.get(), projectId).map(ViewMapper::toView);
    }

    @POST
    @Path("/{projectId}/chats")
    public Uni<RestResponse<ChatView>> createChat(@PathParam("projectId") UUID projectId,
            @Valid CreateChatRequest request) {
        return chats.create(caller.get(), projectId, request)
                .call(chat -> relay.relayAfterCommit())
                .map(chat -> RestResponse.ResponseBuilder.<ChatView>created(URI.create("/chats/" + chat.id))
                        .entity(ViewMapper.toView(chat)).build());
    }

    @GET
    @Path("/{projectId}/chats")
    public Uni<List<ChatView>> listChats(@PathParam("projectId") UUID projectId) {
        return chats.listForProject(caller.get(), projectId).map(list -> list.stream().map(ViewMapper::toView).toList());
    }
}
