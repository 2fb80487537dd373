package io.switchboard.workspace.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.switchboard.events.text.TextRules;

/**
 * Turns a path a caller wrote into a file inside one working directory, or refuses it. Only plain
 * relative paths below the directory are accepted: no absolute paths, no {@code ..}, nothing inside
 * {@code .git} (that would rewrite the repository itself), and never through a symbolic link, which
 * a checked-out repository may contain and which could point anywhere on the server. Names must also
 * fit the file system: it counts bytes, not characters ({@value #MAX_SEGMENT_BYTES} per name and
 * {@value #MAX_PATH_BYTES} for a whole path on Linux), and a name beyond that would fail deep in a write.
 */
public final class SafePaths {

    /** PATH_MAX of Linux, terminating NUL included: the longest path a system call takes. */
    static final int MAX_PATH_BYTES = 4096;
    /** NAME_MAX of Linux file systems (ext4, xfs, btrfs, tmpfs): the longest name of one entry, in bytes. */
    static final int MAX_SEGMENT_BYTES = 255;

    private SafePaths() {
    }

    /** A path inside a working directory: as callers see it ({@code a/b.txt}) and on disk. */
    public record Resolved(String relative, Path absolute) {

        public boolean isRoot() {
            return relative.isEmpty();
        }
    }

    /** The working directory itself for a blank path, else {@link #resolve}. */
    public static Resolved resolveOrRoot(Path root, String requested) {
        if (requested == null || requested.isBlank() || requested.strip().equals(".")
                || requested.strip().equals("./") || requested.strip().equals("/")) {
            return new Resolved("", root);
        }
        return resolve(root, requested);
    }

    public static Resolved resolve(Path root, String requested) {
        if (requested == null || requested.isBlank()) {
            throw FileProblems.invalidPath("", "is empty; give a path relative to the working directory");
        }
        if (requested.length() >= MAX_PATH_BYTES) {
            throw FileProblems.invalidPath(requested, "is longer than " + (MAX_PATH_BYTES - 1) + " bytes");
        }
        Optional<String> unclean = TextRules.problem(requested);
        if (unclean.isPresent()) {
            throw FileProblems.invalidPath(requested, unclean.get());
        }
        // Tabs and line breaks are fine in text, not in a file name a model has to repeat back.
        if (requested.chars().anyMatch(c -> c < 0x20)) {
            throw FileProblems.invalidPath(requested, "contains control characters");
        }
        if (requested.indexOf('\\') >= 0) {
            throw FileProblems.invalidPath(requested, "contains a backslash; separate directories with '/'");
        }
        if (requested.startsWith("/") || requested.startsWith("~") || requested.matches("^[A-Za-z]:.*")) {
            throw FileProblems.invalidPath(requested, "is absolute; give it relative to the working directory");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : requested.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw FileProblems.invalidPath(requested, "leaves the working directory ('..' is not allowed)");
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                throw FileProblems.invalidPath(requested, "is inside .git, which belongs to git and cannot be used");
            }
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SEGMENT_BYTES) {
                throw FileProblems.invalidPath(requested, "has a name of " + bytes + " bytes in UTF-8; a name can have"
                        + " at most " + MAX_SEGMENT_BYTES + " bytes (as few as " + MAX_SEGMENT_BYTES / 4
                        + " characters outside ASCII)");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw FileProblems.invalidPath(requested, "names the working directory itself, not a file");
        }
        String relative = String.join("/", segments);
        int room = MAX_PATH_BYTES - 1 - root.toString().getBytes(StandardCharsets.UTF_8).length - 1;
        if (relative.getBytes(StandardCharsets.UTF_8).length > room) {
            throw FileProblems.invalidPath(requested, "is too long: a path can have at most " + room
                    + " bytes in UTF-8 here");
        }
        Path absolute = root;
        for (String segment : segments) {
            absolute = resolveSegment(absolute, segment, requested);
            if (Files.isSymbolicLink(absolute)) {
                throw FileProblems.invalidPath(requested, "goes through a symbolic link, which the tools do not follow");
            }
        }
        if (!absolute.normalize().startsWith(root)) {
            throw FileProblems.invalidPath(requested, "leaves the working directory");
        }
        return new Resolved(relative, absolute);
    }

    // A JVM started without a UTF-8 locale cannot name files outside ASCII: that is the caller's answer, not a 500.
    private static Path resolveSegment(Path parent, String segment, String requested) {
        try {
            return parent.resolve(segment);
        } catch (InvalidPathException e) {
            throw FileProblems.invalidPath(requested, "has characters this server's file system cannot store");
        }
    }

    /** How a file inside the working directory is shown to callers: relative, '/'-separated. */
    public static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
