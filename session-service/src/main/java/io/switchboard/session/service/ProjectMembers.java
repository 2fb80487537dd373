package io.switchboard.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Identifiers;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.Project;
import io.switchboard.session.model.ProjectMember;
import io.switchboard.session.model.ProjectRole;
import io.switchboard.session.repository.ProjectMemberRepository;

/**
 * Who belongs to a project. Owners add members, change their roles and remove them; any member may leave. A
 * project always keeps at least one owner: the change that would take away the last one is a 409. Members are
 * users of the same tenant, named by their token subject. Each change is announced (ProjectMemberChanged) and
 * audited in its transaction.
 */
@ApplicationScoped
public class ProjectMembers {

    private final ProjectMemberRepository members;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final MembershipAnnouncer announcer;
    private final SessionConfig config;

    public ProjectMembers(ProjectMemberRepository members, ProjectAccess access, AuditTrail audit,
            MembershipAnnouncer announcer, SessionConfig config) {
        this.members = members;
        this.announcer = announcer;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    @TenantTransactional
    public Uni<List<ProjectMember>> list(Caller caller, UUID projectId) {
        return access.projectToRead(caller, projectId)
                .chain(() -> members.listForProject(caller.tenantId(), projectId));
    }

    /** Adds the user with the role, or gives a member the role. */
    @TenantTransactional
    public Uni<ProjectMember> put(Caller caller, UUID projectId, String userId, ProjectRole role) {
        checkUserId(userId);
        return access.projectLocked(caller, projectId, true)
                .chain(project -> members.find(caller.tenantId(), projectId, userId)
                        .chain(member -> member == null ? add(caller, project, userId, role)
                                : change(caller, project, member, role)));
    }

    /** Removes a member: an owner may remove anyone, a member themselves. */
    @TenantTransactional
    public Uni<Void> remove(Caller caller, UUID projectId, String userId) {
        checkUserId(userId);
        boolean leaving = userId.equals(caller.userId());
        return access.projectLocked(caller, projectId, !leaving)
                .chain(project -> members.find(caller.tenantId(), projectId, userId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Member", userId))
                        .call(member -> member.role == ProjectRole.OWNER ? ensureAnotherOwner(caller, project, userId)
                                : Uni.createFrom().voidItem())
                        .chain(member -> {
                            Log.infof("Project %s: %s removed (by %s)", projectId, userId, caller.userId());
                            return members.remove(caller.tenantId(), projectId, userId)
                                    .chain(() -> announcer.changed(project, userId, null))
                                    .chain(() -> audit.record(caller, "member.removed", projectId, null, userId));
                        }));
    }

    private Uni<ProjectMember> change(Caller caller, Project project, ProjectMember member, ProjectRole role) {
        if (member.role == role) {
            return Uni.createFrom().item(member);
        }
        Uni<Void> allowed = member.role == ProjectRole.OWNER ? ensureAnotherOwner(caller, project, member.userId)
                : Uni.createFrom().voidItem();
        return allowed.chain(() -> {
            member.role = role;
            Log.infof("Project %s: %s is now %s (by %s)", project.id, member.userId, role.wireName(),
                    caller.userId());
            return announcer.changed(project, member.userId, role)
                    .chain(() -> audit.record(caller, "member.role-changed", project.id, null, member.userId))
                    .replaceWith(member);
        });
    }

    private Uni<ProjectMember> add(Caller caller, Project project, String userId, ProjectRole role) {
        UUID projectId = project.id;
        return members.countForProject(caller.tenantId(), projectId).chain(count -> {
            if (count >= config.maxMembersPerProject()) {
                return Uni.createFrom().failure(ProblemException.conflict("Project " + projectId + " already has "
                        + count + " members, the most a project may have"));
            }
            ProjectMember member = new ProjectMember();
            member.projectId = projectId;
            member.userId = userId;
            member.tenantId = caller.tenantId();
            member.role = role;
            member.addedBy = caller.userId();
            member.addedAt = Instant.now();
            Log.infof("Project %s: %s added as %s (by %s)", projectId, userId, role.wireName(), caller.userId());
            return members.persist(member)
                    .call(() -> announcer.changed(project, userId, role))
                    .call(() -> audit.record(caller, "member.added", projectId, null, userId));
        });
    }

    /** A 409 problem unless an owner other than {@code leaving} stays. */
    private Uni<Void> ensureAnotherOwner(Caller caller, Project project, String leaving) {
        return members.owners(caller.tenantId(), project.id).invoke(owners -> {
            if (owners.stream().allMatch(owner -> owner.userId.equals(leaving))) {
                throw ProblemException.conflict("Project " + project.id + " would have no owner left; make another "
                        + "member owner first");
            }
        }).replaceWithVoid();
    }

    /** A member is a token subject: the same rule as for the subject of every token. */
    private static void checkUserId(String userId) {
        if (!Identifiers.isValid(userId)) {
            throw ProblemException.badRequest("The user id must be a token subject: 1 to 255 characters, no "
                    + "surrounding blanks, no control characters");
        }
    }
}
