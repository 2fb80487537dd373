package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import io.quarkus.logging.Log;

/**
 * Each chat's own working directory: a linked worktree of its project's bare repository, checked out
 * on the chat's branch. JGit has no {@code worktree add}, so the worktree is laid out by hand exactly
 * as git does it ({@code HEAD}, {@code commondir} and {@code gitdir} under
 * {@code <project>.git/worktrees/<chatId>}, a {@code .git} file in the working directory), which git
 * itself also understands. It shares the project's objects and refs: a commit in the chat's directory
 * moves the chat's branch in the project repository, and nothing has to be pushed.
 *
 * <p>Materialised on first use rather than when the chat is created: creating a chat only writes a
 * ref, and chats that never use a tool never cost disk. Callers run one operation of a chat at a
 * time (see {@code ChatSequencer}); every method blocks on disk.
 */
@ApplicationScoped
public class WorkingDirectories {

    private final RepositoryLayout layout;
    private final ProjectRepositories repositories;
    private final ParallelCheckout checkout;

    public WorkingDirectories(RepositoryLayout layout, ProjectRepositories repositories, ParallelCheckout checkout) {
        this.checkout = checkout;
        this.layout = layout;
        this.repositories = repositories;
    }

    public boolean isMaterialised(UUID projectId, UUID chatId) {
        Path workTree = layout.chatWorkingDirectory(chatId);
        Path gitDir = layout.chatWorktreeGitDir(projectId, chatId);
        return Files.isRegularFile(workTree.resolve(Constants.DOT_GIT)) && Files.isRegularFile(gitDir.resolve("HEAD"));
    }

    /** The chat's working directory, checked out on its branch first if it is not there yet. */
    public Path ensure(UUID projectId, UUID chatId, String branch) {
        if (!isMaterialised(projectId, chatId)) {
            materialise(projectId, chatId, branch);
        }
        return layout.chatWorkingDirectory(chatId);
    }

    /** Opens the chat's working directory as a repository, materialising it if needed; the caller closes it. */
    public Repository open(UUID projectId, UUID chatId, String branch) {
        ensure(projectId, chatId, branch);
        return build(layout.chatWorktreeGitDir(projectId, chatId), layout.chatWorkingDirectory(chatId));
    }

    /** Removes the chat's working directory and its worktree entry; the branch is not touched. */
    public void remove(UUID projectId, UUID chatId) {
        deleteRecursively(layout.chatWorkingDirectory(chatId));
        if (projectId != null) {
            deleteRecursively(layout.chatWorktreeGitDir(projectId, chatId));
        }
    }

    /*
     * The files are checked out into a scratch directory that is moved into place only when complete,
     * so a crash half-way leaves no directory that looks materialised but lacks files.
     */
    private void materialise(UUID projectId, UUID chatId, String branch) {
        long started = System.nanoTime();
        Path workTree = layout.chatWorkingDirectory(chatId);
        Path gitDir = layout.chatWorktreeGitDir(projectId, chatId);
        Path scratch = workTree.resolveSibling(".materialising-" + chatId + "-" + UUID.randomUUID());
        try {
            requireBranch(projectId, chatId, branch);
            deleteRecursively(gitDir);
            Files.createDirectories(gitDir);
            Files.writeString(gitDir.resolve("HEAD"), "ref: " + Constants.R_HEADS + branch + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(gitDir.resolve("commondir"), "../..\n", StandardCharsets.UTF_8);
            Files.writeString(gitDir.resolve("gitdir"), workTree.resolve(Constants.DOT_GIT) + "\n",
                    StandardCharsets.UTF_8);
            Files.createDirectories(scratch);
            int files;
            try (Repository repository = build(gitDir, scratch)) {
                files = checkOut(repository);
            }
            Files.writeString(scratch.resolve(Constants.DOT_GIT), "gitdir: " + gitDir + "\n", StandardCharsets.UTF_8);
            deleteRecursively(workTree);
            moveIntoPlace(scratch, workTree);
            Log.infof("Chat %s: working directory materialised on %s (%d files, %d ms)", chatId, branch, files,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot materialise the working directory of chat " + chatId, e);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private void requireBranch(UUID projectId, UUID chatId, String branch) throws IOException {
        if (!repositories.exists(projectId)) {
            throw new GitFailure("the repository of chat " + chatId + " does not exist");
        }
        try (Repository project = repositories.open(projectId)) {
            Ref ref = project.exactRef(Constants.R_HEADS + branch);
            if (ref == null || ref.getObjectId() == null) {
                throw new GitFailure("chat " + chatId + " has no branch to check out");
            }
        }
    }

    private int checkOut(Repository repository) throws IOException {
        RevCommit head;
        try (RevWalk walk = new RevWalk(repository)) {
            head = walk.parseCommit(repository.resolve(Constants.HEAD));
        }
        return checkout.checkOut(repository, head.getTree());
    }

    private static Repository build(Path gitDir, Path workTree) {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(gitDir.toFile())
                    .setWorkTree(workTree.toFile())
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the working directory " + workTree.getFileName(), e);
        }
    }

    private static void moveIntoPlace(Path scratch, Path target) throws IOException {
        try {
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratch, target);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Files.walk does not follow symbolic links: a link checked out from the repository is removed, not its target.
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + dir.getFileName(), e);
        }
    }
}
