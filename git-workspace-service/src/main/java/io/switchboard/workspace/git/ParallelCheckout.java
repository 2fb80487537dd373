package io.switchboard.workspace.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
import java.util.concurrent.atomic.AtomicInteger;

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
import org.eclipse.jgit.lib.ObjectLoader;
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
    /** Files a writer takes at a time. */
    private static final int RUN = 16;

    private final int threads;
    private final ExecutorService writers;

    public ParallelCheckout() {
        this(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    ParallelCheckout(int threads) {
        this.threads = threads;
        this.writers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "checkout-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }

    /** Checks {@code tree} out into the repository's empty working tree; answers how many files it wrote. */
    public int checkOut(Repository repository, RevTree tree) throws IOException {
        Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
        List<Entry> entries = plainFiles(repository, tree, workTree);
        if (entries == null || !copiesBytesOnly(repository)) {
            DirCacheCheckout checkout = new DirCacheCheckout(repository, repository.lockDirCache(), tree);
            checkout.setFailOnConflict(true);
            checkout.checkout();
            return repository.readDirCache().getEntryCount();
        }
        createDirectories(workTree, entries);
        write(repository, entries);
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

    /**
     * The tree's files in tree order, if all of them are plain or executable files and none is a .gitattributes;
     * else null. Every path is checked before anything is written.
     */
    private static List<Entry> plainFiles(Repository repository, RevTree tree, Path workTree) throws IOException {
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
                Path file = workTree.resolve(path).normalize();
                if (!file.startsWith(workTree) || file.equals(workTree)) {
                    throw new IOException("the tree names a path outside the working directory");
                }
                entries.add(new Entry(path, file, walk.getObjectId(0), mode));
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

    /*
     * Each directory is made once, by mkdir alone: the walk lists a directory's files together, so one the previous
     * file was not in is new. It also refuses anything already in the way, a link included, at every level, where
     * Files.createDirectories would accept a link to a directory above the last level and write through it.
     */
    private static void createDirectories(Path workTree, List<Entry> entries) throws IOException {
        Path current = workTree;
        for (Entry entry : entries) {
            Path parent = entry.file().getParent();
            if (parent.equals(current)) {
                continue;
            }
            Path existing = current;
            while (!parent.startsWith(existing)) {
                existing = existing.getParent();
            }
            if (!parent.equals(existing)) {
                Path dir = existing;
                for (Path name : existing.relativize(parent)) {
                    dir = dir.resolve(name);
                    Files.createDirectory(dir);
                }
            }
            current = parent;
        }
    }

    /*
     * The writers take small runs of files in turn rather than one fixed half each, so that large files or a slow
     * disk on one part of the tree do not leave a thread idle; runs keep neighbouring objects of the pack together.
     */
    private void write(Repository repository, List<Entry> entries) throws IOException {
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> written = new ArrayList<>();
        for (int writer = 0; writer < threads; writer++) {
            written.add(writers.submit(() -> {
                try (ObjectReader reader = repository.newObjectReader()) {
                    for (int from = next.getAndAdd(RUN); from < entries.size(); from = next.getAndAdd(RUN)) {
                        for (int i = from; i < Math.min(entries.size(), from + RUN); i++) {
                            writeFile(reader, entries.get(i));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    next.set(entries.size());
                    throw e;
                }
                return null;
            }));
        }
        try {
            for (Future<Void> part : written) {
                part.get();
            }
        } catch (InterruptedException e) {
            next.set(entries.size());
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

    private static void writeFile(ObjectReader reader, Entry entry) throws IOException {
        Path file = entry.file();
        ObjectLoader blob = reader.open(entry.id(), Constants.OBJ_BLOB);
        // CREATE_NEW: the directory is new and empty, so anything already there (a link planted by a path that
        // checkPath let through) is refused rather than written through.
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (blob.isLarge()) {
                blob.copyTo(Channels.newOutputStream(out));
            } else {
                ByteBuffer bytes = ByteBuffer.wrap(blob.getCachedBytes());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
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
        private final Path file;
        private final ObjectId id;
        private final FileMode mode;
        private long length;
        private Instant modified;

        private Entry(String path, Path file, ObjectId id, FileMode mode) {
            this.path = path;
            this.file = file;
            this.id = id;
            this.mode = mode;
        }

        String path() {
            return path;
        }

        Path file() {
            return file;
        }

        ObjectId id() {
            return id;
        }

        FileMode mode() {
            return mode;
        }
    }
}
