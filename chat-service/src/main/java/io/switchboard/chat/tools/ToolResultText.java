package io.switchboard.chat.tools;

import java.util.List;
import java.util.stream.Collectors;

import io.switchboard.workspace.api.ChangedFile;
import io.switchboard.workspace.api.DiffPart;
import io.switchboard.workspace.api.FileContent;
import io.switchboard.workspace.api.FileEntry;
import io.switchboard.workspace.api.FileListing;
import io.switchboard.workspace.api.FileWritten;
import io.switchboard.workspace.api.SearchResult;
import io.switchboard.workspace.api.WorkspaceDiff;

/** Tool results as the model reads them: plain text, with a header saying what it is looking at. */
final class ToolResultText {

    private ToolResultText() {
    }

    static String listing(FileListing listing) {
        String where = listing.path() == null || listing.path().isEmpty() ? "the working directory"
                : "'" + listing.path() + "'";
        StringBuilder text = new StringBuilder();
        if (listing.entries().isEmpty()) {
            return where.substring(0, 1).toUpperCase() + where.substring(1) + " is empty.";
        }
        text.append(listing.recursive() ? "Files below " : "Entries of ").append(where).append(" (")
                .append(listing.entries().size()).append("):\n");
        for (FileEntry entry : listing.entries()) {
            text.append(entry.path());
            switch (entry.type()) {
                case "directory" -> text.append('/');
                case "symlink" -> text.append(" (symbolic link)");
                default -> text.append(" (").append(entry.size()).append(" bytes)");
            }
            text.append('\n');
        }
        if (listing.truncated()) {
            text.append("[more entries exist: list a subdirectory or raise 'limit']\n");
        }
        return text.toString();
    }

    static String file(FileContent file) {
        String range = file.fromLine() == 1 && file.toLine() == file.totalLines()
                ? file.totalLines() + " lines"
                : "lines " + file.fromLine() + "-" + file.toLine() + " of " + file.totalLines();
        return "File '" + file.path() + "' (" + range + ", " + file.size() + " bytes):\n" + file.content();
    }

    static String written(FileWritten written) {
        return (written.created() ? "Created '" : "Replaced '") + written.path() + "' (" + written.size()
                + " bytes).";
    }

    static String search(SearchResult result) {
        if (result.matches().isEmpty()) {
            return "No matches in " + result.filesSearched() + " files searched"
                    + (result.truncated() ? " before the search time ran out." : ".");
        }
        String lines = result.matches().stream()
                .map(match -> match.path() + ":" + match.line() + ": " + match.text())
                .collect(Collectors.joining("\n"));
        return result.matches().size() + " matches:\n" + lines + "\n"
                + (result.truncated() ? "[the search stopped early: more matches may exist; narrow it or raise"
                        + " 'max_results']\n" : "");
    }

    static String diff(WorkspaceDiff diff) {
        StringBuilder text = new StringBuilder();
        part(text, "Uncommitted changes on " + diff.branch() + " (against " + shortId(diff.head()) + ")",
                diff.uncommitted(), "No uncommitted changes.");
        if (diff.againstDefault() != null) {
            text.append('\n');
            part(text, "Changes committed on " + diff.branch() + " since it left " + diff.defaultBranch()
                    + " (at " + shortId(diff.againstDefault().base()) + ")", diff.againstDefault(),
                    "No committed changes against " + diff.defaultBranch() + ".");
        }
        return text.toString();
    }

    private static void part(StringBuilder text, String title, DiffPart part, String none) {
        if (part == null || part.files().isEmpty()) {
            text.append(none).append('\n');
            return;
        }
        text.append(title).append(", ").append(part.files().size()).append(" files: ")
                .append(files(part.files())).append('\n').append(part.patch());
        if (part.truncated()) {
            text.append("\n[the diff is cut here; read the files for the rest]\n");
        }
    }

    private static String files(List<ChangedFile> files) {
        return files.stream()
                .map(file -> file.change() + " " + (file.oldPath() == null ? file.path()
                        : file.oldPath() + " -> " + file.path()))
                .collect(Collectors.joining(", "));
    }

    private static String shortId(String commit) {
        return commit == null || commit.length() < 12 ? String.valueOf(commit) : commit.substring(0, 12);
    }

    /** The text cut to {@code max} characters, saying how much was left out. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        // Room for the note, so the whole stays within max.
        int kept = Math.max(0, max - 80);
        if (kept > 0 && Character.isHighSurrogate(text.charAt(kept - 1))) {
            kept--;
        }
        return text.substring(0, kept) + "\n[result truncated: " + (text.length() - kept)
                + " more characters not shown]";
    }
}
