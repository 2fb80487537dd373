package io.switchboard.workspace.git;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.jgit.lib.Constants;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.ChatIds;

/**
 * Removes the lock files a crash left in the project repositories. Git and JGit take a lock by creating
 * {@code index.lock}, {@code <ref>.lock}, {@code packed-refs.lock} and the like, and refuse to work while one
 * exists; a process killed between creating and renaming one leaves it behind, and every later write of that
 * chat or project fails until someone deletes it by hand.
 *
 * <p>Only locks older than this process are removed: a lock this process takes while the cleanup runs is
 * newer. Chat working directories hold no git files of their own (their {@code .git} is a file pointing into
 * the project repository), and their {@code *.lock} files ({@code yarn.lock}, {@code Cargo.lock}) are the
 * agent's content, so only the project repositories are searched, and never their object store. If several
 * processes share the data directory, a peer's lock is removed only if that peer has been holding it since
 * before this process started, far longer than any git operation of the service takes.
 */
@ApplicationScoped
public class StaleLocks {

    private static final String LOCK_SUFFIX = ".lock";

    private final RepositoryLayout layout;

    public StaleLocks(RepositoryLayout layout) {
        this.layout = layout;
    }

    // Before the Kafka consumers start (they observe StartupEvent at LIBRARY_BEFORE), so that no ChatCreated
    // trips over a lock about to go.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        try {
            List<Path> removed = removeOlderThan(processStart);
            Log.infof("Removed %d stale git lock file(s) left by an earlier process", removed.size());
        } catch (RuntimeException e) {
            // A lock left in place fails the operations of one chat; a service that does not start fails all.
            Log.errorf(e, "Could not look for stale git lock files under %s", layout.root());
        }
    }

    /** Removes every lock file of the project repositories last modified before {@code cutoff}; those removed. */
    public List<Path> removeOlderThan(Instant cutoff) {
        Path projects = layout.root().resolve("projects");
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> repositories = Files.list(projects)) {
            for (Path repository : repositories.filter(StaleLocks::isRepository).toList()) {
                removeIn(repository, cutoff, removed);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the project repositories", e);
        }
        return removed;
    }

    private static boolean isRepository(Path path) {
        return Files.isDirectory(path) && path.getFileName().toString().endsWith(Constants.DOT_GIT_EXT);
    }

    private void removeIn(Path repository, Instant cutoff, List<Path> removed) throws IOException {
        Path objects = repository.resolve(Constants.OBJECTS);
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.equals(objects) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && file.getFileName().toString().endsWith(LOCK_SUFFIX)
                        && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    remove(repository, file, attributes, removed);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Gone meanwhile, or unreadable: either way not ours to remove.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void remove(Path repository, Path lock, BasicFileAttributes attributes, List<Path> removed)
            throws IOException {
        try {
            Files.delete(lock);
        } catch (NoSuchFileException e) {
            return;
        }
        removed.add(lock);
        String name = repository.getFileName().toString();
        String projectId = name.substring(0, name.length() - Constants.DOT_GIT_EXT.length());
        Log.warnf("chatId=%s project=%s removed stale git lock %s (last modified %s, before this process started)",
                chatOf(repository.relativize(lock)), projectId, repository.relativize(lock),
                attributes.lastModifiedTime());
    }

    /**
     * The chat a lock belongs to, when its place says: a worktree's own files ({@code worktrees/<chatId>/index.lock})
     * or a chat branch ({@code refs/heads/<prefix><chatId>.lock}); "-" for the project's shared files.
     */
    static String chatOf(Path lock) {
        if (lock.getNameCount() >= 3 && lock.getName(0).toString().equals("worktrees")) {
            return lock.getName(1).toString();
        }
        if (lock.getName(0).toString().equals("refs") || lock.getName(0).toString().equals("logs")) {
            String last = lock.getFileName().toString();
            String candidate = last.substring(0, last.length() - LOCK_SUFFIX.length());
            if (ChatIds.isValid(candidate)) {
                return candidate;
            }
        }
        return "-";
    }
}
