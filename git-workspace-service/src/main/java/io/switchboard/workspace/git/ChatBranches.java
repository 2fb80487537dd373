package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.quarkus.logging.Log;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * One branch per chat in its project's bare repository. Creating a branch only writes a ref, so a
 * chat has its branch at once; every method blocks on disk and must run off the event loop.
 * Writes hold the project's lock.
 */
@ApplicationScoped
public class ChatBranches {

    // Only plain (possibly abbreviated) object ids: a revision expression could name another chat's branch.
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{4,64}");
    /** How far back a fork looks for its turn's commit: a chat's whole history, for any chat a person works in. */
    static final int MAX_TURN_SEARCH = 10_000;

    private final ProjectRepositories repositories;
    private final RepositoryLocks locks;
    private final WorkspaceConfig config;

    public ChatBranches(ProjectRepositories repositories, RepositoryLocks locks, WorkspaceConfig config) {
        this.repositories = repositories;
        this.locks = locks;
        this.config = config;
    }

    /** Cuts the chat's branch from the project's default branch, creating the repository if needed. */
    public BranchHead createFromDefaultBranch(UUID projectId, String chatId, String branch) {
        return locks.withLock(projectId, () -> {
            try (Repository repository = repositories.openOrCreate(projectId)) {
                Ref head = repository.exactRef(Constants.HEAD);
                if (head == null || head.getObjectId() == null) {
                    throw new GitFailure("project " + projectId + " has no default branch to start from");
                }
                return create(repository, chatId, branch, head.getObjectId(), head.getTarget().getName());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Cuts the chat's branch from another branch of the project, which must exist. */
    public BranchHead createFromBranch(UUID projectId, String chatId, String branch, String fromBranch) {
        if (fromBranch == null || fromBranch.length() > 255
                || !Repository.isValidRefName(Constants.R_HEADS + fromBranch)) {
            throw new GitFailure("'" + fromBranch + "' is not a branch name");
        }
        return locks.withLock(projectId, () -> {
            try (Repository repository = repositories.openOrCreate(projectId)) {
                Ref from = repository.exactRef(Constants.R_HEADS + fromBranch);
                if (from == null || from.getObjectId() == null) {
                    throw new GitFailure("the project has no branch '" + fromBranch + "' to start from");
                }
                return create(repository, chatId, branch, from.getObjectId(), fromBranch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Cuts the chat's branch at a commit of the project, for forks. */
    public BranchHead createFromCommit(UUID projectId, String chatId, String branch, String commitId) {
        if (commitId == null || !COMMIT_ID.matcher(commitId).matches()) {
            throw new GitFailure("'" + commitId + "' is not a commit id");
        }
        return locks.withLock(projectId, () -> {
            try (Repository repository = repositories.openOrCreate(projectId)) {
                return create(repository, chatId, branch, resolveCommit(repository, projectId, commitId), commitId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Cuts the chat's branch from another chat's branch, for forks: at the commit the source's turn made (its
     * {@link TurnCommits#TURN_TRAILER}) when {@code turnId} is given, else at the source's current head. A turn that
     * committed nothing, or one further back than {@value #MAX_TURN_SEARCH} commits, has no commit to find: the
     * branch then starts at the source's head too.
     */
    public BranchHead createFromChat(UUID projectId, String chatId, String branch, String sourceChatId,
            String sourceBranch, UUID turnId) {
        return locks.withLock(projectId, () -> {
            try (Repository repository = repositories.openOrCreate(projectId)) {
                Ref source = repository.exactRef(Constants.R_HEADS + sourceBranch);
                if (source == null) {
                    throw new GitFailure("chat " + sourceChatId + " has no branch in project " + projectId);
                }
                Optional<ObjectId> turnCommit = turnId == null ? Optional.empty()
                        : commitOfTurn(repository, source.getObjectId(), turnId);
                if (turnId != null && turnCommit.isEmpty()) {
                    Log.infof("chatId=%s fork of %s at turn %s: the turn made no commit, starting at the source's head",
                            chatId, sourceChatId, turnId);
                }
                return create(repository, chatId, branch, turnCommit.orElse(source.getObjectId()),
                        turnCommit.map(ObjectId::name).orElse(sourceBranch));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The newest commit on the branch's first-parent line that names the turn in its trailer. */
    private static Optional<ObjectId> commitOfTurn(Repository repository, ObjectId head, UUID turnId)
            throws IOException {
        String trailer = TurnCommits.TURN_TRAILER + turnId;
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            int seen = 0;
            for (RevCommit commit : walk) {
                if (commit.getFullMessage().contains(trailer)) {
                    return Optional.of(commit.copy());
                }
                if (++seen >= MAX_TURN_SEARCH) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** The commit a branch points at now, if the branch exists. Reads need no lock: ref reads are atomic. */
    public Optional<String> head(UUID projectId, String branch) {
        if (!repositories.exists(projectId)) {
            return Optional.empty();
        }
        try (Repository repository = repositories.open(projectId)) {
            return Optional.ofNullable(repository.exactRef(Constants.R_HEADS + branch))
                    .map(Ref::getObjectId)
                    .map(ObjectId::name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a chat's branch. Its commits stay in the object store: forks and, later, chat working
     * directories sharing the objects may still need them. False when there was no such branch.
     */
    public boolean delete(UUID projectId, String branch) {
        if (!repositories.exists(projectId)) {
            return false;
        }
        return locks.withLock(projectId, () -> {
            try (Repository repository = repositories.open(projectId)) {
                if (repository.exactRef(Constants.R_HEADS + branch) == null) {
                    return false;
                }
                RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
                update.setForceUpdate(true);
                update.setRefLogIdent(identity());
                RefUpdate.Result result = update.delete();
                if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
                    throw new IOException("Cannot delete branch " + branch + ": " + result);
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private BranchHead create(Repository repository, String chatId, String branch, ObjectId start, String startName)
            throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        update.setNewObjectId(start);
        update.setRefLogIdent(identity());
        update.setRefLogMessage("branch: Created from " + startName, false);
        RefUpdate.Result result = update.update();
        if (result == RefUpdate.Result.NEW) {
            return new BranchHead(branch, start.name());
        }
        // Already there: a redelivered event, or a crash after git but before the database. Keep it as it is.
        Ref existing = repository.exactRef(Constants.R_HEADS + branch);
        if (existing != null && existing.getObjectId() != null) {
            Log.infof("Chat %s: branch %s already exists at %s; reusing it", chatId, branch,
                    existing.getObjectId().name());
            return new BranchHead(branch, existing.getObjectId().name());
        }
        throw new IOException("Cannot create branch " + branch + ": " + result);
    }

    private static ObjectId resolveCommit(Repository repository, UUID projectId, String commitId) throws IOException {
        ObjectId id;
        try {
            id = repository.resolve(commitId);
        } catch (RevisionSyntaxException | AmbiguousObjectException e) {
            throw new GitFailure("'" + commitId + "' does not name exactly one commit in project " + projectId, e);
        }
        if (id == null) {
            throw new GitFailure("commit " + commitId + " does not exist in project " + projectId);
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id).getId();
        } catch (MissingObjectException e) {
            // resolve() takes a full-length id at its word; only reading the object shows it is absent.
            throw new GitFailure("commit " + commitId + " does not exist in project " + projectId, e);
        } catch (IncorrectObjectTypeException e) {
            throw new GitFailure("'" + commitId + "' is not a commit of project " + projectId, e);
        }
    }

    private PersonIdent identity() {
        return new PersonIdent(config.committer().name(), config.committer().email());
    }
}
