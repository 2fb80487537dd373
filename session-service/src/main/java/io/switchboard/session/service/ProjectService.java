package io.switchboard.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Project;
import io.switchboard.session.repository.ProjectRepository;

@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;
    private final NewChats newChats;
    private final SessionConfig config;

    public ProjectService(ProjectRepository projects, NewChats newChats, SessionConfig config) {
        this.projects = projects;
        this.newChats = newChats;
        this.config = config;
    }

    /**
     * Creates the project with its default chat and that chat's ChatCreated, all in one transaction. The default
     * chat does not count against the tenant's chat limit: the project limit bounds how many there are.
     */
    @WithTransaction
    public Uni<Project> create(Caller caller, String name) {
        return projects.countForTenant(caller.tenantId()).chain(count -> {
            if (count >= config.maxProjectsPerTenant()) {
                return Uni.createFrom().failure(TenantLimits.reached("projects", config.maxProjectsPerTenant()));
            }
            return insert(caller, name);
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
        return projects.persist(project).call(() -> {
            Chat main = newChats.blank(caller, project.id, config.defaultProjectChatTitle(), null);
            main.isDefault = true;
            return newChats.create(main);
        });
    }

    @WithSession
    public Uni<List<Project>> list(Caller caller) {
        return projects.listForTenant(caller.tenantId());
    }

    /** The caller's project, or a 404 problem: another tenant's project is indistinguishable from none. */
    @WithSession
    public Uni<Project> get(Caller caller, UUID id) {
        return projects.findOwned(caller.tenantId(), id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Project", id));
    }
}
