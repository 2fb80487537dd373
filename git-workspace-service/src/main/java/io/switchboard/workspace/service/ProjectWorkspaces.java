package io.switchboard.workspace.service;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.workspace.api.BranchListing;
import io.switchboard.workspace.api.ConflictRadar;
import io.switchboard.workspace.api.WorkspaceSettings;
import io.switchboard.workspace.git.ChangeOverlaps;
import io.switchboard.workspace.git.ChangeOverlaps.ChatBranch;
import io.switchboard.workspace.git.GitFailure;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.ProjectBranches;
import io.switchboard.workspace.git.ProjectRepositories;
import io.switchboard.workspace.repository.Project;
import io.switchboard.workspace.repository.ProjectRepository;
import io.switchboard.workspace.repository.WorkspaceRepository;
import io.switchboard.workspace.repository.WorkspaceStatus;

/**
 * A project's repository across its chats: its branches and default branch, and the conflict radar (files that
 * several of its chats changed against the default branch).
 */
@ApplicationScoped
public class ProjectWorkspaces {

    private final ProjectRepository projects;
    private final WorkspaceRepository workspaces;
    private final ProjectRepositories repositories;
    private final ChangeOverlaps overlaps;
    private final ProjectBranches branches;
    private final GitWorker git;
    private final ConflictRadarRefresh radar;

    public ProjectWorkspaces(ProjectRepository projects, WorkspaceRepository workspaces,
            ProjectRepositories repositories, ChangeOverlaps overlaps, ProjectBranches branches, GitWorker git,
            ConflictRadarRefresh radar) {
        this.radar = radar;
        this.projects = projects;
        this.workspaces = workspaces;
        this.repositories = repositories;
        this.overlaps = overlaps;
        this.branches = branches;
        this.git = git;
    }

    public Uni<BranchListing> branches(UUID projectId, Caller caller, String after, Integer limit) {
        return owned(projectId, caller).chain(project -> onDisk(() -> branches.page(projectId, after, limit)));
    }

    public Uni<BranchListing> setDefaultBranch(UUID projectId, Caller caller, String branch) {
        return owned(projectId, caller).chain(project -> onDisk(() -> {
            branches.setDefault(projectId, branch);
            Log.infof("Project %s: default branch is now %s", projectId, branch);
            radar.request(projectId, caller.tenantId());
            return branches.page(projectId, null, null);
        }));
    }

    public Uni<WorkspaceSettings> settings(UUID projectId, Caller caller) {
        return owned(projectId, caller).map(ProjectWorkspaces::settingsOf);
    }

    @TenantTransactional
    public Uni<WorkspaceSettings> updateSettings(UUID projectId, Caller caller, WorkspaceSettings settings) {
        return projects.findById(projectId).map(found -> {
            Project project = ownedOrNotFound(found, projectId, caller);
            if (settings.keepBranchesOnDelete() != null) {
                project.keepBranchesOnDelete(settings.keepBranchesOnDelete());
            }
            if (settings.closePullRequestsOnArchive() != null) {
                project.closePullRequestsOnArchive(settings.closePullRequestsOnArchive());
            }
            WorkspaceSettings now = settingsOf(project);
            Log.infof("Project %s: settings are now %s", projectId, now);
            return now;
        });
    }

    private static WorkspaceSettings settingsOf(Project project) {
        return new WorkspaceSettings(project.keepsBranchesOnDelete(), project.closesPullRequestsOnArchive());
    }

    /** The caller's project; another tenant's is not found. */
    @TenantTransactional
    public Uni<Project> owned(UUID projectId, Caller caller) {
        return projects.findById(projectId).map(project -> ownedOrNotFound(project, projectId, caller));
    }

    private static Project ownedOrNotFound(Project project, UUID projectId, Caller caller) {
        if (project == null || !project.ownedBy(caller.tenantId())) {
            throw ProblemException.notFound("Project", projectId);
        }
        return project;
    }

    public Uni<ConflictRadar> radar(UUID projectId, Caller caller) {
        return readyChats(projectId, caller).chain(chats -> onDisk(() -> {
            if (!repositories.exists(projectId)) {
                return new ConflictRadar(projectId.toString(), null, chats.size(), List.of());
            }
            String defaultBranch = repositories.defaultBranch(projectId);
            return new ConflictRadar(projectId.toString(), defaultBranch, chats.size(),
                    overlaps.overlaps(projectId, defaultBranch, chats));
        }));
    }

    private <T> Uni<T> onDisk(Supplier<T> work) {
        return git.run(work).onFailure(GitFailure.class)
                .transform(failure -> ProblemException.conflict(failure.getMessage()));
    }

    /** The project's chats with a ready workspace, oldest first; another tenant's project is not found. */
    @TenantTransactional
    public Uni<List<ChatBranch>> readyChats(UUID projectId, Caller caller) {
        return projects.findById(projectId).map(project -> ownedOrNotFound(project, projectId, caller))
                .chain(project -> workspaces.list(
                                "projectId = ?1 and tenantId = ?2 and status = ?3 order by createdAt",
                                projectId, caller.tenantId(), WorkspaceStatus.READY))
                .map(found -> found.stream()
                        .map(workspace -> new ChatBranch(workspace.chatId().toString(), workspace.branch()))
                        .toList());
    }
}
