package io.switchboard.gateway.rest;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Identifiers;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionMembersClient;
import io.switchboard.session.api.MemberRoleRequest;
import io.switchboard.session.api.MemberView;

/** A project's members and their roles; stored and enforced by session-service. */
@Path("/api/projects/{projectId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Projects")
public class ProjectMembersResource {

    private final SessionMembersClient members;

    public ProjectMembersResource(@RestClient SessionMembersClient members) {
        this.members = members;
    }

    @GET
    @Operation(summary = "The project's members", description = "Each member's userId (token subject), role "
            + "(owner, editor or viewer), who added them and when. Any member may read it.")
    @APIResponse(responseCode = "200", description = "The members, by user id")
    @APIResponse(ref = "NotFound")
    public Uni<List<MemberView>> list(@PathParam("projectId") UUID projectId) {
        return DownstreamReads.retried(members.listMembers(projectId));
    }

    @PUT
    @Path("/{userId}")
    @Operation(summary = "Add a member or change their role", description = "Owners only. Body {\"role\"}: owner, "
            + "editor or viewer. Taking the owner role from the last owner is a 409.")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "403", description = "The caller is no owner of the project")
    @APIResponse(ref = "NotFound")
    public Uni<MemberView> put(@PathParam("projectId") UUID projectId, @PathParam("userId") String userId,
            @Valid @NotNull MemberRoleRequest body) {
        return members.putMember(projectId, checked(userId), body);
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "Remove a member, or leave the project", description = "Owners remove anyone; any member "
            + "may remove themselves. Removing the last owner is a 409.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<Void>> remove(@PathParam("projectId") UUID projectId,
            @PathParam("userId") String userId) {
        return members.removeMember(projectId, checked(userId))
                .map(done -> RestResponse.noContent());
    }

    private static String checked(String userId) {
        if (!Identifiers.isValid(userId)) {
            throw new InvalidField("userId", "must be a token subject: 1 to 255 characters, no surrounding blanks, "
                    + "no control characters");
        }
        return userId;
    }
}
