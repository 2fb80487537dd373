package io.switchboard.workspace.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.SearchMatch;
import io.switchboard.workspace.api.SearchResult;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Finds lines in the text files of one chat's working directory, like {@code grep -rn}. Binary files,
 * files above the size limit, symbolic links and {@code .git} are skipped. A regular expression
 * written by a model may backtrack for ever, so matching runs against a deadline.
 */
@ApplicationScoped
public class ChatSearch {

    static final int MAX_LINE_CHARS = 300;
    private static final int MAX_QUERY_CHARS = 1000;

    private final WorkspaceConfig.Files limits;

    public ChatSearch(WorkspaceConfig config) {
        this.limits = config.files();
    }

    public SearchResult search(Path root, SearchQuery query) {
        if (query.query() == null || query.query().isEmpty()) {
            throw ProblemException.badRequest("query is required");
        }
        if (query.query().length() > MAX_QUERY_CHARS) {
            throw ProblemException.badRequest("query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        // Nothing a file holds could match a NUL or half a character; a refusal says so, an empty result would not.
        FileProblems.requireCleanText("query", query.query());
        if (query.glob() != null) {
            FileProblems.requireCleanText("glob", query.glob());
        }
        int max = ChatFiles.bounded(query.maxResults(), limits.defaultSearchResults(), limits.maxSearchResults(),
                "maxResults");
        Predicate<CharSequence> matcher = lineMatcher(query);
        Predicate<String> included = fileFilter(query.glob());
        SafePaths.Resolved start = SafePaths.resolveOrRoot(root, query.path());
        BasicFileAttributes attributes = ChatFiles.attributes(start.absolute());
        if (attributes == null) {
            throw FileProblems.directoryNotFound(start.relative());
        }
        Search search = new Search(root, matcher, included, max,
                System.nanoTime() + limits.searchTimeout().toNanos(), limits.maxSearchFileSize().asLongValue());
        if (attributes.isDirectory()) {
            search.directory(start.absolute());
        } else {
            search.file(start.absolute(), attributes);
        }
        return new SearchResult(List.copyOf(search.matches), search.stopped, search.filesSearched);
    }

    private static Predicate<CharSequence> lineMatcher(SearchQuery query) {
        if (query.regex()) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(query.query(), query.ignoreCase()
                        ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw FileProblems.invalidPattern("The regular expression", e.getDescription() + " near index "
                        + e.getIndex());
            }
            return line -> pattern.matcher(line).find();
        }
        if (query.ignoreCase()) {
            String needle = query.query().toLowerCase(Locale.ROOT);
            return line -> line.toString().toLowerCase(Locale.ROOT).contains(needle);
        }
        String needle = query.query();
        return line -> line.toString().contains(needle);
    }

    private static Predicate<String> fileFilter(String glob) {
        if (glob == null || glob.isBlank()) {
            return path -> true;
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.strip());
        } catch (IllegalArgumentException e) {
            throw FileProblems.invalidPattern("The glob '" + FileProblems.printable(glob) + "'", e.getMessage());
        }
        boolean byName = !glob.contains("/");
        return path -> {
            Path candidate = Path.of(path);
            return matcher.matches(byName ? candidate.getFileName() : candidate);
        };
    }

    /** One search's walk: stops at the maximum number of matches or at the deadline. */
    private static final class Search {

        private final Path root;
        private final Predicate<CharSequence> matcher;
        private final Predicate<String> included;
        private final int max;
        private final long deadline;
        private final long maxFileSize;
        private final List<SearchMatch> matches = new ArrayList<>();
        private boolean stopped;
        private int filesSearched;

        Search(Path root, Predicate<CharSequence> matcher, Predicate<String> included, int max, long deadline,
                long maxFileSize) {
            this.root = root;
            this.matcher = matcher;
            this.included = included;
            this.max = max;
            this.deadline = deadline;
            this.maxFileSize = maxFileSize;
        }

        void directory(Path dir) {
            for (Path child : ChatFiles.sortedChildren(dir)) {
                if (stopped) {
                    return;
                }
                if (child.getFileName().toString().equals(Constants.DOT_GIT)) {
                    continue;
                }
                BasicFileAttributes attributes = ChatFiles.attributes(child);
                if (attributes == null || attributes.isSymbolicLink()) {
                    continue;
                }
                if (attributes.isDirectory()) {
                    directory(child);
                } else {
                    file(child, attributes);
                }
            }
        }

        void file(Path file, BasicFileAttributes attributes) {
            String relative = SafePaths.relative(root, file);
            if (!attributes.isRegularFile() || attributes.size() > maxFileSize || !included.test(relative)) {
                return;
            }
            Optional<String> text = TextContent.decode(readAllBytes(file));
            if (text.isEmpty()) {
                return;
            }
            filesSearched++;
            int number = 0;
            for (String line : (Iterable<String>) text.get().lines()::iterator) {
                number++;
                if (System.nanoTime() > deadline) {
                    stopped = true;
                    return;
                }
                boolean found;
                try {
                    found = matcher.test(new DeadlineCharSequence(line, deadline));
                } catch (DeadlineCharSequence.Expired e) {
                    stopped = true;
                    return;
                }
                if (found) {
                    if (matches.size() == max) {
                        stopped = true;
                        return;
                    }
                    matches.add(new SearchMatch(relative, number, shortened(line)));
                }
            }
        }

        // Cut between characters, never inside one: half a surrogate pair cannot be written as JSON.
        private static String shortened(String line) {
            if (line.length() <= MAX_LINE_CHARS) {
                return line;
            }
            int end = Character.isHighSurrogate(line.charAt(MAX_LINE_CHARS - 1)) ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
            return line.substring(0, end) + "...";
        }

        private static byte[] readAllBytes(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read a file of the working directory", e);
            }
        }
    }
}
