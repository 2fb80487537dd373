package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.MergeResult;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Merging a chat's branch into the project's default branch without a remote host. Everything happens in the bare
 * project repository, in memory, under the project's lock: a merge with conflicting files writes nothing, and the
 * default branch moves in one compare-and-set ref update, so nothing is ever half-merged.
 */
@ApplicationScoped
public class LocalMerges {

    public static final String MERGE = "merge";
    public static final String FAST_FORWARD = "fast-forward";

    private final ProjectRepositories repositories;
    private final RepositoryLocks locks;
    private final WorkspaceConfig config;

    public LocalMerges(ProjectRepositories repositories, RepositoryLocks locks, WorkspaceConfig config) {
        this.repositories = repositories;
        this.locks = locks;
        this.config = config;
    }

    public MergeResult merge(UUID projectId, String branch, String strategy, boolean dryRun) {
        String mode = strategy == null ? MERGE : strategy;
        if (!MERGE.equals(mode) && !FAST_FORWARD.equals(mode)) {
            throw ProblemException.badRequest("strategy must be '" + MERGE + "' or '" + FAST_FORWARD + "'");
        }
        String defaultBranch = repositories.defaultBranch(projectId);
        return locks.withLock(projectId, () -> {
            try (Repository project = repositories.open(projectId); RevWalk walk = new RevWalk(project)) {
                ObjectId defaultId = project.resolve(Constants.R_HEADS + defaultBranch);
                ObjectId headId = project.resolve(Constants.R_HEADS + branch);
                if (defaultId == null || headId == null) {
                    throw new GitFailure("the chat's branch or the default branch does not exist");
                }
                RevCommit target = walk.parseCommit(defaultId);
                RevCommit head = walk.parseCommit(headId);
                if (walk.isMergedInto(head, target)) {
                    return result("up-to-date", branch, defaultBranch, false, target.name(), dryRun, List.of());
                }
                if (walk.isMergedInto(target, head)) {
                    if (!dryRun) {
                        move(project, defaultBranch, target, head);
                    }
                    return result("merged", branch, defaultBranch, true, dryRun ? target.name() : head.name(), dryRun,
                            List.of());
                }
                if (FAST_FORWARD.equals(mode)) {
                    throw ProblemException.conflict("The default branch " + defaultBranch + " has moved on since the "
                            + "chat branched from it: only a merge commit can bring the chat's work in");
                }
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(project, true);
                if (!merger.merge(target, head)) {
                    TreeSet<String> conflicts = new TreeSet<>(merger.getUnmergedPaths());
                    if (merger.getFailingPaths() != null) {
                        conflicts.addAll(merger.getFailingPaths().keySet());
                    }
                    return result("conflicts", branch, defaultBranch, false, target.name(), dryRun,
                            List.copyOf(conflicts));
                }
                if (dryRun) {
                    return result("merged", branch, defaultBranch, false, target.name(), true, List.of());
                }
                ObjectId merged = commit(project, merger.getResultTreeId(), target, head,
                        "Merge " + branch + " into " + defaultBranch);
                move(project, defaultBranch, target, merged);
                return result("merged", branch, defaultBranch, false, merged.name(), false, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot merge " + branch + " in project " + projectId, e);
            }
        });
    }

    private ObjectId commit(Repository project, ObjectId tree, RevCommit first, RevCommit second, String message)
            throws IOException {
        PersonIdent identity = new PersonIdent(config.committer().name(), config.committer().email());
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(first, second);
        commit.setAuthor(identity);
        commit.setCommitter(identity);
        commit.setMessage(message + "\n");
        try (ObjectInserter inserter = project.newObjectInserter()) {
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** Moves the default branch from {@code from} to {@code to}, only if nobody moved it meanwhile. */
    private static void move(Repository project, String defaultBranch, ObjectId from, ObjectId to) throws IOException {
        RefUpdate update = project.updateRef(Constants.R_HEADS + defaultBranch);
        update.setExpectedOldObjectId(from);
        update.setNewObjectId(to);
        update.setRefLogMessage("switchboard: merge", false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
            throw new GitFailure("the default branch moved while merging (" + result + "); try again");
        }
    }

    private static MergeResult result(String outcome, String branch, String defaultBranch, boolean fastForward,
            String commit, boolean dryRun, List<String> conflicts) {
        return new MergeResult(outcome, branch, defaultBranch, fastForward, commit, dryRun, conflicts);
    }
}
