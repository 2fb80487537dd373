package io.switchboard.workspace.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.FileContent;
import io.switchboard.workspace.api.FileEntry;
import io.switchboard.workspace.api.FileListing;
import io.switchboard.workspace.api.FileWritten;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Listing, reading and writing the files of one chat's working directory. Every path goes through
 * {@link SafePaths}; {@code .git} is never listed. Methods block on disk; callers run one operation of
 * a chat at a time, so a read never sees half a write.
 */
@ApplicationScoped
public class ChatFiles {

    private final WorkspaceConfig.Files limits;

    public ChatFiles(WorkspaceConfig config) {
        this.limits = config.files();
    }

    /**
     * The entries under a directory in path order: its direct children (files, directories and
     * symbolic links), or with {@code recursive} every file below it.
     */
    public FileListing list(Path root, String path, boolean recursive, Integer limit) {
        int max = bounded(limit, limits.defaultListLimit(), limits.maxListLimit(), "limit");
        SafePaths.Resolved dir = SafePaths.resolveOrRoot(root, path);
        BasicFileAttributes attributes = attributes(dir.absolute());
        if (attributes == null) {
            throw FileProblems.directoryNotFound(dir.relative());
        }
        List<FileEntry> entries = new ArrayList<>();
        if (!attributes.isDirectory()) {
            entries.add(entryOf(dir.relative(), attributes));
            return new FileListing(dir.relative(), recursive, entries, false);
        }
        boolean complete = collect(root, dir.absolute(), recursive, max + 1, entries);
        boolean truncated = !complete || entries.size() > max;
        return new FileListing(dir.relative(), recursive, truncated ? List.copyOf(entries.subList(0, max)) : entries,
                truncated);
    }

    /** A text file, whole or the lines {@code fromLine} (1-based) to {@code fromLine + maxLines - 1}. */
    public FileContent read(Path root, String path, Integer fromLine, Integer maxLines) {
        SafePaths.Resolved file = SafePaths.resolve(root, path);
        BasicFileAttributes attributes = attributes(file.absolute());
        if (attributes == null) {
            throw FileProblems.fileNotFound(file.relative());
        }
        if (attributes.isDirectory()) {
            throw FileProblems.notAFile(file.relative(), "a directory; list it instead");
        }
        if (!attributes.isRegularFile()) {
            throw FileProblems.notAFile(file.relative(), "not a regular file");
        }
        long limit = limits.maxReadSize().asLongValue();
        if (attributes.size() > limit) {
            throw FileProblems.tooLargeToRead(file.relative(), attributes.size(), limit);
        }
        byte[] bytes = readAllBytes(file.absolute());
        String text = TextContent.decode(bytes).orElseThrow(() -> FileProblems.binary(file.relative()));
        List<String> lines = linesWithEndings(text);
        int first = fromLine == null ? 1 : fromLine;
        if (first < 1) {
            throw ProblemException.badRequest("fromLine must be 1 or more, was " + first);
        }
        if (maxLines != null && maxLines < 1) {
            throw ProblemException.badRequest("maxLines must be 1 or more, was " + maxLines);
        }
        if (first > 1 && first > lines.size()) {
            throw ProblemException.badRequest("File '" + file.relative() + "' has " + lines.size()
                    + " lines; fromLine " + first + " is past its end");
        }
        int last = maxLines == null ? lines.size() : (int) Math.min(lines.size(), (long) first + maxLines - 1);
        String content = first == 1 && last == lines.size() ? text : String.join("", lines.subList(first - 1, last));
        return new FileContent(file.relative(), bytes.length, lines.size(), first, last, content);
    }

    /** Creates or replaces a text file, creating its parent directories. */
    public FileWritten write(Path root, String path, String content) {
        if (content == null) {
            throw ProblemException.badRequest("content is required; send \"\" for an empty file");
        }
        SafePaths.Resolved file = SafePaths.resolve(root, path);
        TextContent.unwritable(content).ifPresent(why -> {
            throw FileProblems.invalidText("content", why);
        });
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        long limit = limits.maxWriteSize().asLongValue();
        if (bytes.length > limit) {
            throw FileProblems.tooLargeToWrite(file.relative(), bytes.length, limit);
        }
        BasicFileAttributes existing = attributes(file.absolute());
        if (existing != null && !existing.isRegularFile()) {
            throw ProblemException.conflict("'" + file.relative() + "' is a directory; it cannot be written as a file");
        }
        try {
            Files.createDirectories(file.absolute().getParent());
            Files.write(file.absolute(), bytes);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw ProblemException.conflict("A parent of '" + file.relative() + "' is a file, not a directory");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a file of the working directory", e);
        }
        return new FileWritten(file.relative(), bytes.length, existing == null);
    }

    /** Collects up to {@code max} entries in path order; false when it stopped early. */
    private static boolean collect(Path root, Path dir, boolean recursive, int max, List<FileEntry> entries) {
        for (Path child : sortedChildren(dir)) {
            if (entries.size() >= max) {
                return false;
            }
            if (child.getFileName().toString().equals(Constants.DOT_GIT)) {
                continue;
            }
            BasicFileAttributes attributes = attributes(child);
            if (attributes == null) {
                continue;
            }
            String relative = SafePaths.relative(root, child);
            if (attributes.isDirectory() && recursive) {
                if (!collect(root, child, true, max, entries)) {
                    return false;
                }
            } else {
                entries.add(entryOf(relative, attributes));
            }
        }
        return true;
    }

    static List<Path> sortedChildren(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted(Comparator.comparing(child -> child.getFileName().toString())).toList();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list a directory of the working directory", e);
        }
    }

    /** The attributes of the path itself (a link is not followed), or null when nothing is there. */
    static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (underAFile(path)) {
                // "a.txt/b": the file system answers "not a directory"; for callers, b simply is not there.
                return null;
            }
            throw new UncheckedIOException("Cannot inspect a file of the working directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot inspect a file of the working directory", e);
        }
    }

    private static boolean underAFile(Path path) {
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.isRegularFile(parent, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static FileEntry entryOf(String relative, BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return FileEntry.symlink(relative);
        }
        if (attributes.isDirectory()) {
            return FileEntry.directory(relative);
        }
        return FileEntry.file(relative, attributes.size());
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a file of the working directory", e);
        }
    }

    /** Lines keeping their endings, so joining a range gives back exactly that part of the file. */
    static List<String> linesWithEndings(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    static int bounded(Integer requested, int fallback, int max, String name) {
        if (requested == null) {
            return Math.min(fallback, max);
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.badRequest(name + " must be between 1 and " + max + ", was " + requested);
        }
        return requested;
    }
}
