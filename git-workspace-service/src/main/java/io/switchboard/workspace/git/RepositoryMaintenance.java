package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;

/**
 * Garbage-collects project repositories: packs loose objects and refs into one pack and prunes objects no branch,
 * tag or reflog reaches any more (a deleted chat's commits), once they are older than the grace period. Reachable
 * objects are never pruned, and the grace period protects objects a commit is writing at that moment.
 */
@ApplicationScoped
public class RepositoryMaintenance {

    /** Written after each collection; a replica that finds it recent leaves the repository alone. */
    static final String LAST_COLLECTED = "switchboard-gc";

    private final RepositoryLayout layout;
    private final ProjectRepositories repositories;
    private final RepositoryLocks locks;

    public RepositoryMaintenance(RepositoryLayout layout, ProjectRepositories repositories, RepositoryLocks locks) {
        this.layout = layout;
        this.repositories = repositories;
        this.locks = locks;
    }

    /** The projects that have a repository on disk. */
    public List<UUID> projects() {
        Path root = layout.root().resolve("projects");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<UUID> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "*.git")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                parse(name.substring(0, name.length() - ".git".length())).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * Collects the project's repository unless it was collected after {@code collectedSince}, pruning unreachable
     * objects older than {@code pruneBefore}. Holds the project's lock, so no branch moves meanwhile on any
     * replica. Empty when the repository was left alone.
     */
    public Optional<Collected> collect(UUID projectId, Instant collectedSince, Instant pruneBefore) {
        if (!repositories.exists(projectId)) {
            return Optional.empty();
        }
        return locks.withLock(projectId, () -> {
            Path marker = layout.projectRepository(projectId).resolve(LAST_COLLECTED);
            try {
                if (Files.exists(marker) && Files.getLastModifiedTime(marker).toInstant().isAfter(collectedSince)) {
                    return Optional.empty();
                }
                long before = DiskUsage.size(layout.projectRepository(projectId).resolve("objects"));
                try (Repository repository = repositories.open(projectId)) {
                    GC gc = new GC((FileRepository) repository);
                    gc.setExpire(pruneBefore);
                    // Packs too: a fetch brings its objects as one, which would otherwise stay for gc's own hour.
                    gc.setPackExpire(pruneBefore);
                    gc.gc().get();
                } catch (ExecutionException e) {
                    throw new GitFailure("garbage collection of project " + projectId + " failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GitFailure("garbage collection of project " + projectId + " was interrupted", e);
                }
                Files.writeString(marker, Instant.now().toString());
                return Optional.of(new Collected(before, DiskUsage.size(layout.projectRepository(projectId)
                        .resolve("objects"))));
            } catch (GitAPIException | ParseException e) {
                throw new GitFailure("garbage collection of project " + projectId + " failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Optional<UUID> parse(String name) {
        try {
            UUID id = UUID.fromString(name);
            // fromString accepts shortened groups; only the canonical form is a project's directory.
            return id.toString().equals(name) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Bytes of the object store before and after a collection. */
    public record Collected(long bytesBefore, long bytesAfter) {
    }
}
