package io.switchboard.session.rest;

import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.MemberRoleRequest;
import io.switchboard.session.api.MemberView;
import io.switchboard.session.api.ProjectMembersApi;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.model.ProjectRole;
import io.switchboard.session.service.ProjectMembers;

@Authenticated
public class ProjectMemberResource implements ProjectMembersApi {

    private final ProjectMembers members;
    private final CurrentCaller caller;

    public ProjectMemberResource(ProjectMembers members, CurrentCaller caller) {
        this.members = members;
        this.caller = caller;
    }

    @Override
    public Uni<List<MemberView>> listMembers(UUID projectId) {
        return members.list(caller.get(), projectId).map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    /** Adds the user with the role, or changes a member's role (owners only). */
    @Override
    public Uni<MemberView> putMember(UUID projectId, String userId,
            MemberRoleRequest request) {
        ProjectRole role = ProjectRole.parse(request.role()).orElseThrow();
        return members.put(caller.get(), projectId, userId, role).map(ViewMapper::toView);
    }

    /** Removes a member (owners), or the caller leaves the project. */
    @Override
    public Uni<RestResponse<Void>> removeMember(UUID projectId,
            String userId) {
        return members.remove(caller.get(), projectId, userId).map(done -> RestResponse.noContent());
    }
}
