package io.switchboard.session.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.model.ProjectRole;
import io.switchboard.session.service.ProjectMembers;

@Path("/projects/{projectId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectMemberResource {

    private final ProjectMembers members;
    private final CurrentCaller caller;

    public ProjectMemberResource(ProjectMembers members, CurrentCaller caller) {
        this.members = members;
        this.caller = caller;
    }

    @GET
    public Uni<List<MemberView>> list(@PathParam("projectId") UUID projectId) {
        return members.list(caller.get(), projectId).map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    /** Adds the user with the role, or changes a member's role (owners only). */
    @PUT
    @Path("/{userId}")
    public Uni<MemberView> put(@PathParam("projectId") UUID projectId, @PathParam("userId") String userId,
            @Valid @NotNull MemberRoleRequest request) {
        ProjectRole role = ProjectRole.parse(request.role()).orElseThrow();
        return members.put(caller.get(), projectId, userId, role).map(ViewMapper::toView);
    }

    /** Removes a member (owners), or the caller leaves the project. */
    @DELETE
    @Path("/{userId}")
    public Uni<RestResponse<Void>> remove(@PathParam("projectId") UUID projectId,
            @PathParam("userId") String userId) {
        return members.remove(caller.get(), projectId, userId).map(done -> RestResponse.noContent());
    }
}
