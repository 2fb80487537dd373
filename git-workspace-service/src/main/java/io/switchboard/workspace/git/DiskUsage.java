package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Bytes on disk of project repositories and chat working directories; blocks, so runs off the event loop. */
@ApplicationScoped
public class DiskUsage {

    private final RepositoryLayout layout;

    public DiskUsage(RepositoryLayout layout) {
        this.layout = layout;
    }

    public long of(Collection<UUID> projects, Collection<UUID> chats) {
        long bytes = 0;
        for (UUID project : projects) {
            bytes += size(layout.projectRepository(project));
        }
        for (UUID chat : chats) {
            bytes += size(layout.chatWorkingDirectory(chat));
        }
        return bytes;
    }

    /** Regular files' sizes under {@code root}, links not followed; 0 for a missing directory. */
    static long size(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // Removed while walking (a commit replacing a lock file, a gc dropping a pack): not there.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + root, e);
        }
        return total[0];
    }
}
