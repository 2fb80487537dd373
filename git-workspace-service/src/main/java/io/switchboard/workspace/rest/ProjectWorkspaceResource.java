package io.switchboard.workspace.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.BranchListing;
import io.switchboard.workspace.api.ConflictRadar;
import io.switchboard.workspace.api.DefaultBranchRequest;
import io.switchboard.workspace.api.ProjectWorkspaceApi;
import io.switchboard.workspace.api.WorkspaceSettings;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.ProjectWorkspaces;

/** A project's repository across its chats. */
@Authenticated
public class ProjectWorkspaceResource implements ProjectWorkspaceApi {

    private final ProjectWorkspaces projects;
    private final ActingCaller caller;

    public ProjectWorkspaceResource(ProjectWorkspaces projects, ActingCaller caller) {
        this.projects = projects;
        this.caller = caller;
    }

    @Override
    public Uni<ConflictRadar> conflicts(String projectId) {
        return projects.radar(parse(projectId), caller.get());
    }

    @Override
    public Uni<BranchListing> branches(String projectId, String after, Integer limit) {
        return projects.branches(parse(projectId), caller.get(), after, limit);
    }

    @Override
    public Uni<BranchListing> setDefaultBranch(String projectId, DefaultBranchRequest request) {
        UUID id = parse(projectId);
        if (request == null) {
            throw ProblemException.badRequest("A body {\"branch\"} is required");
        }
        return projects.setDefaultBranch(id, caller.get(), request.branch());
    }

    @Override
    public Uni<WorkspaceSettings> settings(String projectId) {
        return projects.settings(parse(projectId), caller.get());
    }

    @Override
    public Uni<WorkspaceSettings> updateSettings(String projectId, WorkspaceSettings settings) {
        UUID id = parse(projectId);
        if (settings == null || settings.changesNothing()) {
            throw ProblemException.badRequest("A body with keepBranchesOnDelete or closePullRequestsOnArchive "
                    + "(true|false) is required");
        }
        return projects.updateSettings(id, caller.get(), settings);
    }

    private static UUID parse(String projectId) {
        return WorkspaceResource.parse("projectId", projectId);
    }
}
