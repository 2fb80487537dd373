package io.switchboard.workspace.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a path a caller wrote into a file inside one working directory, or refuses it. Only plain
 * relative paths below the directory are accepted: no absolute paths, no {@code ..}, nothing inside
 * {@code .git} (that would rewrite the repository itself), and never through a symbolic link, which
 * a checked-out repository may contain and which could point anywhere on the server.
 */
public final class SafePaths {

    private static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_SEGMENT_LENGTH = 255;

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
        if (requested.length() > MAX_PATH_LENGTH) {
            throw FileProblems.invalidPath(requested, "is longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (requested.indexOf('\0') >= 0 || requested.chars().anyMatch(c -> c < 0x20)) {
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
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                throw FileProblems.invalidPath(requested, "has a name longer than " + MAX_SEGMENT_LENGTH + " characters");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw FileProblems.invalidPath(requested, "names the working directory itself, not a file");
        }
        Path absolute = root;
        for (String segment : segments) {
            absolute = absolute.resolve(segment);
            if (Files.isSymbolicLink(absolute)) {
                throw FileProblems.invalidPath(requested, "goes through a symbolic link, which the tools do not follow");
            }
        }
        if (!absolute.normalize().startsWith(root)) {
            throw FileProblems.invalidPath(requested, "leaves the working directory");
        }
        return new Resolved(String.join("/", segments), absolute);
    }

    /** How a file inside the working directory is shown to callers: relative, '/'-separated. */
    public static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
