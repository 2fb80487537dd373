package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.BranchInfo;
import io.switchboard.workspace.api.BranchListing;

/** A project's branches, and which of them is its default branch (the bare repository's HEAD). */
@ApplicationScoped
public class ProjectBranches {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final int MAX_NAME_LENGTH = 255;

    private final ProjectRepositories repositories;
    private final RepositoryLocks locks;

    public ProjectBranches(ProjectRepositories repositories, RepositoryLocks locks) {
        this.repositories = repositories;
        this.locks = locks;
    }

    /** One page of the branches in name order, after the branch {@code after} names (null: from the first). */
    public BranchListing page(UUID projectId, String after, Integer limit) {
        int size = PageSizes.valid(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (!repositories.exists(projectId)) {
            return new BranchListing(projectId.toString(), null, List.of(), null);
        }
        String defaultBranch = repositories.defaultBranch(projectId);
        try (Repository project = repositories.open(projectId); RevWalk walk = new RevWalk(project)) {
            List<Ref> refs = new ArrayList<>(project.getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
            refs.sort(Comparator.comparing(Ref::getName));
            List<BranchInfo> branches = new ArrayList<>();
            String next = null;
            for (Ref ref : refs) {
                String name = Repository.shortenRefName(ref.getName());
                if (after != null && name.compareTo(after) <= 0) {
                    continue;
                }
                if (branches.size() == size) {
                    next = branches.get(branches.size() - 1).name();
                    break;
                }
                RevCommit head = walk.parseCommit(ref.getObjectId());
                branches.add(new BranchInfo(name, head.name(), Instant.ofEpochSecond(head.getCommitTime()),
                        name.equals(defaultBranch)));
            }
            return new BranchListing(projectId.toString(), defaultBranch, branches, next);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the branches of project " + projectId, e);
        }
    }

    /** Points the repository's HEAD at an existing branch. */
    public void setDefault(UUID projectId, String branch) {
        String ref = Constants.R_HEADS + validName(branch);
        if (!repositories.exists(projectId)) {
            throw ProblemException.badRequest("The project has no branch '" + branch + "'");
        }
        locks.withLock(projectId, () -> {
            try (Repository project = repositories.open(projectId)) {
                if (project.exactRef(ref) == null) {
                    throw ProblemException.badRequest("The project has no branch '" + branch + "'");
                }
                RefUpdate update = project.updateRef(Constants.HEAD);
                RefUpdate.Result result = update.link(ref);
                if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                        && result != RefUpdate.Result.NO_CHANGE) {
                    throw new GitFailure("the default branch could not be changed (" + result + ")");
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot change the default branch of project " + projectId, e);
            }
        });
    }

    private static String validName(String branch) {
        if (branch == null || branch.isBlank()) {
            throw ProblemException.badRequest("branch is required");
        }
        if (branch.length() > MAX_NAME_LENGTH || !Repository.isValidRefName(Constants.R_HEADS + branch)
                || branch.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest("branch is not a valid branch name");
        }
        return branch;
    }
}
