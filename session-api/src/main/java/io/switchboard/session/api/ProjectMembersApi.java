package io.switchboard.session.api;

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

import io.smallrye.mutiny.Uni;

/** A project's members: users of the caller's tenant, by token subject, each with a role. */
@Path("/projects/{projectId}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ProjectMembersApi {

    @GET
    Uni<List<MemberView>> listMembers(@PathParam("projectId") UUID projectId);

    /** Adds the user with the role, or changes a member's role (owners only); the last owner stays one (409). */
    @PUT
    @Path("/{userId}")
    Uni<MemberView> putMember(@PathParam("projectId") UUID projectId, @PathParam("userId") String userId,
            @Valid @NotNull MemberRoleRequest request);

    /** 204. Removes a member (owners), or the caller leaves the project. */
    @DELETE
    @Path("/{userId}")
    Uni<RestResponse<Void>> removeMember(@PathParam("projectId") UUID projectId, @PathParam("userId") String userId);
}
