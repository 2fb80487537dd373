package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import io.quarkus.logging.Log;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * The bare repository of each project, created on first use. Callers hold the project's
 * {@link RepositoryLocks lock}.
 */
@ApplicationScoped
public class ProjectRepositories {

    private final RepositoryLayout layout;
    private final WorkspaceConfig config;

    public ProjectRepositories(RepositoryLayout layout, WorkspaceConfig config) {
        this.layout = layout;
        this.config = config;
    }

    public boolean exists(UUID projectId) {
        return RepositoryCache.FileKey.isGitRepository(layout.projectRepository(projectId).toFile(), FS.DETECTED);
    }

    /** Opens the project's repository, creating it with one empty commit on the default branch if needed. */
    public Repository openOrCreate(UUID projectId) {
        if (!exists(projectId)) {
            create(projectId);
        }
        return open(projectId);
    }

    /** The name of the project's default branch: the branch its repository's HEAD names. */
    public String defaultBranch(UUID projectId) {
        try (Repository project = open(projectId)) {
            Ref head = project.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic()) {
                throw new GitFailure("the project has no default branch");
            }
            return Repository.shortenRefName(head.getTarget().getName());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the default branch of project " + projectId, e);
        }
    }

    /** Opens an existing repository; the caller closes it. */
    public Repository open(UUID projectId) {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(layout.projectRepository(projectId).toFile())
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the repository of project " + projectId, e);
        }
    }

    /*
     * The repository is built in a scratch directory and moved into place in one step, so a crash
     * half-way never leaves a repository without its default branch that later chats would trip on.
     */
    private void create(UUID projectId) {
        Path target = layout.projectRepository(projectId);
        Path scratch = target.resolveSibling(".creating-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            try (Git git = Git.init().setBare(true).setDirectory(scratch.toFile())
                    .setInitialBranch(config.defaultBranch()).call()) {
                commitEmptyTree(git.getRepository());
            }
            moveIntoPlace(scratch, target);
            Log.infof("Created repository of project %s with branch %s", projectId, config.defaultBranch());
        } catch (IOException | GitAPIException e) {
            throw new UncheckedIOException("Cannot create the repository of project " + projectId,
                    e instanceof IOException io ? io : new IOException(e));
        } finally {
            deleteQuietly(scratch);
        }
    }

    // Branches are refs to commits: without a first commit there is nothing to cut a chat branch from.
    private void commitEmptyTree(Repository repository) throws IOException {
        PersonIdent identity = new PersonIdent(config.committer().name(), config.committer().email());
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId emptyTree = new TreeFormatter().insertTo(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(emptyTree);
            commit.setAuthor(identity);
            commit.setCommitter(identity);
            commit.setMessage("Initial commit\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();

            RefUpdate update = repository.updateRef(Constants.R_HEADS + config.defaultBranch());
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(commitId);
            update.setRefLogIdent(identity);
            update.setRefLogMessage("commit (initial): Initial commit", false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new IOException("Cannot create branch " + config.defaultBranch() + ": " + result);
            }
        }
    }

    private static void moveIntoPlace(Path scratch, Path target) throws IOException {
        try {
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Created meanwhile by another process sharing the data directory: theirs is as good as ours.
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratch, target);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            Log.debugf("Could not remove scratch directory %s: %s", dir, e.getMessage());
        }
    }
}
