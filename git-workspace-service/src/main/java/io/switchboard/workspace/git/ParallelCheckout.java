package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.SystemReader;

/**
 * Checks a tree out into an empty working directory, its files written by several threads, and writes the index.
 * JGit's own checkout writes one file at a time and took twice as long as the git command-line client on a
 * repository of 2,000 small files (docs/benchmarks.md). It is still used whenever a file could need more than its
 * bytes copied: a tree with {@code .gitattributes} (line endings, filters such as LFS), symbolic links or
 * submodules, or a configuration that converts line endings.
 */
@ApplicationScoped
public class ParallelCheckout {

    private static final String ATTRIBUTES = Constants.DOT_GIT_ATTRIBUTES;

    private final int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final ExecutorService writers = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "checkout-writer");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }

    /** Checks {@code tree} out into the repository's empty working tree; answers how many files it wrote. */
    public int checkOut(Repository repository, RevTree tree) throws IOException {
        List<Entry> entries = plainFiles(repository, tree);
        if (entries == null || !copiesBytesOnly(repository)) {
            DirCacheCheckout checkout = new DirCacheCheckout(repository, repository.lockDirCache(), tree);
            checkout.setFailOnConflict(true);
            checkout.checkout();
            return repository.readDirCache().getEntryCount();
        }
        Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
        write(repository, workTree, entries);
        DirCache index = repository.lockDirCache();
        DirCacheBuilder builder = index.builder();
        for (Entry entry : entries) {
            DirCacheEntry indexed = new DirCacheEntry(entry.path());
            indexed.setFileMode(entry.mode());
            indexed.setObjectId(entry.id());
            indexed.setLength(entry.length);
            indexed.setLastModified(entry.modified);
            builder.add(indexed);
        }
        if (!builder.commit()) {
            throw new IOException("the index of the working directory could not be written");
        }
        return entries.size();
    }

    /** The tree's files, if all of them are plain or executable files and none is a .gitattributes; else null. */
    private static List<Entry> plainFiles(Repository repository, RevTree tree) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE
                        || ATTRIBUTES.equals(walk.getNameString())) {
                    return null;
                }
                // The same path rules JGit's checkout applies: no "..", ".git" or other names git refuses.
                String path = walk.getPathString();
                SystemReader.getInstance().checkPath(path);
                entries.add(new Entry(path, walk.getObjectId(0), mode));
            }
        }
        return entries;
    }

    private static boolean copiesBytesOnly(Repository repository) {
        return repository.getConfig().getEnum(ConfigConstants.CONFIG_CORE_SECTION, null,
                        ConfigConstants.CONFIG_KEY_AUTOCRLF, CoreConfig.AutoCRLF.FALSE) == CoreConfig.AutoCRLF.FALSE
                && repository.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null,
                        ConfigConstants.CONFIG_KEY_EOL) == null
                && repository.getConfig().getString(ConfigConstants.CONFIG_CORE_SECTION, null,
                        ConfigConstants.CONFIG_KEY_ATTRIBUTESFILE) == null
                && !Files.exists(repository.getCommonDirectory().toPath().resolve("info").resolve("attributes"));
    }

    private void write(Repository repository, Path workTree, List<Entry> entries) throws IOException {
        int slice = (entries.size() + threads - 1) / threads;
        List<Future<Void>> written = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += slice) {
            List<Entry> part = entries.subList(from, Math.min(entries.size(), from + slice));
            written.add(writers.submit(() -> {
                try (ObjectReader reader = repository.newObjectReader()) {
                    for (Entry entry : part) {
                        writeFile(reader, workTree, entry);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<Void> part : written) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("checkout interrupted", e);
        } catch (ExecutionException e) {
            for (Future<Void> part : written) {
                part.cancel(true);
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("checkout failed", e.getCause());
        }
    }

    private static void writeFile(ObjectReader reader, Path workTree, Entry entry) throws IOException {
        Path file = workTree.resolve(entry.path()).normalize();
        if (!file.startsWith(workTree) || file.equals(workTree)) {
            throw new IOException("the tree names a path outside the working directory");
        }
        Files.createDirectories(file.getParent());
        // CREATE_NEW: the directory is new and empty, so anything already there (a link planted by a path that
        // checkPath let through) is refused rather than written through.
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            reader.open(entry.id()).copyTo(out);
        }
        if (entry.mode() == FileMode.EXECUTABLE_FILE) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions has no executable bit to set
            }
        }
        BasicFileAttributes written = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entry.length = written.size();
        entry.modified = written.lastModifiedTime().toInstant();
    }

    /** A file of the tree; its size and modification time once written, for the index. */
    private static final class Entry {

        private final String path;
        private final ObjectId id;
        private final FileMode mode;
        private long length;
        private Instant modified;

        private Entry(String path, ObjectId id, FileMode mode) {
            this.path = path;
            this.id = id;
            this.mode = mode;
        }

        String path() {
            return path;
        }

        ObjectId id() {
            return id;
        }

        FileMode mode() {
            return mode;
        }
    }
}
