package io.switchboard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File-tree helpers shared by the servers and the test support. */
public final class Directories {

    private static final int DELETE_ATTEMPTS = 3;

    private Directories() {
    }

    /**
     * Deletes {@code root} and everything below it; a missing root is fine. Files that vanish
     * meanwhile are ignored, and the walk is repeated a few times because a server that is
     * still shutting down may create files while we delete.
     */
    public static void deleteRecursively(Path root) {
        IOException last = null;
        for (int attempt = 0; attempt < DELETE_ATTEMPTS && Files.exists(root); attempt++) {
            try {
                Files.walkFileTree(root, new Deleter());
                Files.deleteIfExists(root);
            } catch (NoSuchFileException e) {
                // Someone else deleted part of the tree; the next attempt checks what is left.
            } catch (IOException e) {
                last = e;
            }
        }
        if (Files.exists(root)) {
            throw new UncheckedIOException("Could not delete " + root, last == null ? new IOException("still exists") : last);
        }
    }

    private static final class Deleter extends SimpleFileVisitor<Path> {

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
            }
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException notEmpty) {
                // A file appeared meanwhile; the caller's next attempt removes it.
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
