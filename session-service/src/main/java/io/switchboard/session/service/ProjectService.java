package io.switchboard.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Project;
import io.switchboard.session.model.ProjectMember;
import io.switchboard.session.model.ProjectRole;
import io.switchboard.session.repository.ProjectMemberRepository;
import io.switchboard.session.repository.ProjectRepository;

@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;
    private final ProjectMemberRepository members;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final MembershipAnnouncer announcer;
    private final NewChats newChats;
    private final SessionConfig config;

    public ProjectService(ProjectRepository projects, ProjectMemberRepository members, ProjectAccess access,
            AuditTrail audit, MembershipAnnouncer announcer, NewChats newChats, SessionConfig config) {
        this.projects = projects;
        this.announcer = announcer;
        this.members = members;
        this.access = access;
        this.audit = audit;
        this.newChats = newChats;
        this.config = config;
    }

    /**
     * Creates the project with its default chat and that chat's ChatCreated, all in one transaction. The default
     * chat does not count against the tenant's chat limit: the project limit bounds how many there are.
     */
    @TenantTransactional
    public Uni<MemberProject> create(Caller caller, String name) {
        return projects.countForTenant(caller.tenantId()).chain(count -> {
            if (count >= config.maxProjectsPerTenant()) {
                return Uni.createFrom().failure(TenantLimits.reached("projects", config.maxProjectsPerTenant()));
            }
            return insert(caller, name).map(project -> new MemberProject(project, ProjectRole.OWNER));
        });
    }

    private Uni<Project> insert(Caller caller, String name) {
        Project project = new Project();
        project.id = UUID.randomUUID();
        project.tenantId = caller.tenantId();
        project.ownerId = caller.userId();
        project.name = name.strip();
        project.createdAt = Instant.now();
        Log.infof("Creating project %s for tenant %s", project.id, caller.tenantId());
        return projects.persist(project)
                .call(() -> members.persist(owner(caller, project)))
                .call(() -> announcer.changed(project, caller.userId(), ProjectRole.OWNER))
                .call(() -> audit.record(caller, "project.created", project.id, null, null))
                .call(() -> {
                    Chat main = newChats.blank(caller, project.id, config.defaultProjectChatTitle(), null);
                    main.isDefault = true;
                    return newChats.create(main).call(chat -> audit.chat(caller, "chat.created", project.id, chat.id));
                });
    }

    private static ProjectMember owner(Caller caller, Project project) {
        ProjectMember owner = new ProjectMember();
        owner.projectId = project.id;
        owner.userId = caller.userId();
        owner.tenantId = caller.tenantId();
        owner.role = ProjectRole.OWNER;
        owner.addedBy = caller.userId();
        owner.addedAt = project.createdAt;
        return owner;
    }

    /** The projects the caller belongs to, with their role in each. */
    @TenantTransactional
    public Uni<List<MemberProject>> list(Caller caller) {
        return projects.listForMember(caller.tenantId(), caller.userId()).map(rows -> rows.stream()
                .map(row -> new MemberProject((Project) row[0], (ProjectRole) row[1]))
                .toList());
    }

    /**
     * The caller's project with their role, or a 404 problem: another tenant's project, or one the caller does
     * not belong to, is indistinguishable from none.
     */
    @TenantTransactional
    public Uni<MemberProject> get(Caller caller, UUID id) {
        return access.projectToRead(caller, id)
                .chain(project -> access.roleIn(caller, id).map(role -> new MemberProject(project, role)));
    }
}
