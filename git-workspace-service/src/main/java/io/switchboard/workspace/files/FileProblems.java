package io.switchboard.workspace.files;

import io.switchboard.events.text.TextRules;
import io.switchboard.kit.problem.ProblemException;

/**
 * The problems the file endpoints answer with. Their details are read by models as well as people,
 * so each says what was wrong and what to do instead; none names a server path.
 */
public final class FileProblems {

    public static final String INVALID_PATH = "urn:switchboard:problem:invalid-path";
    public static final String BINARY_FILE = "urn:switchboard:problem:binary-file";
    public static final String FILE_TOO_LARGE = "urn:switchboard:problem:file-too-large";
    public static final String CONTENT_TOO_LARGE = "urn:switchboard:problem:content-too-large";
    public static final String NOT_A_FILE = "urn:switchboard:problem:not-a-file";
    public static final String INVALID_PATTERN = "urn:switchboard:problem:invalid-pattern";
    public static final String INVALID_REQUEST = "urn:switchboard:problem:invalid-request";

    /** Longest part of a caller's path or pattern repeated in a problem, in characters. */
    private static final int MAX_SHOWN = 200;

    private FileProblems() {
    }

    /** Every path a caller gives is the field {@code path}, in a body or in the query. */
    public static ProblemException invalidPath(String path, String why) {
        return new InvalidField(INVALID_PATH, "Invalid path", "path", "Path '" + printable(path) + "' " + why, why);
    }

    /** A text field that holds what no file, commit or log line of the service may hold. */
    public static ProblemException invalidText(String field, String why) {
        return new InvalidField(INVALID_REQUEST, "Invalid request", field, field + " " + why, why);
    }

    /** The field's text, when it is clean by {@link TextRules}; otherwise a problem naming the field. */
    public static String requireCleanText(String field, String text) {
        TextRules.problem(text).ifPresent(why -> {
            throw invalidText(field, why);
        });
        return text;
    }

    public static ProblemException fileNotFound(String path) {
        return new ProblemException(404, "urn:switchboard:problem:not-found", "Not found",
                "File '" + path + "' does not exist");
    }

    public static ProblemException directoryNotFound(String path) {
        return new ProblemException(404, "urn:switchboard:problem:not-found", "Not found",
                "Directory '" + path + "' does not exist");
    }

    public static ProblemException binary(String path) {
        return new ProblemException(422, BINARY_FILE, "Binary file",
                "File '" + path + "' is binary (not UTF-8 text) and cannot be read as text");
    }

    public static ProblemException tooLargeToRead(String path, long size, long limit) {
        return new ProblemException(422, FILE_TOO_LARGE, "File too large",
                "File '" + path + "' has " + size + " bytes, more than the " + limit
                        + " bytes that can be read; search it instead");
    }

    public static ProblemException tooLargeToWrite(String path, long size, long limit) {
        return new ProblemException(413, CONTENT_TOO_LARGE, "Content too large",
                "The content for '" + path + "' has " + size + " bytes, more than the limit of " + limit + " bytes");
    }

    public static ProblemException notAFile(String path, String what) {
        return new ProblemException(422, NOT_A_FILE, "Not a file", "'" + path + "' is " + what + ", not a file");
    }

    public static ProblemException invalidPattern(String what, String why) {
        return new ProblemException(400, INVALID_PATTERN, "Invalid pattern", what + " is not valid: " + why);
    }

    /** What of a caller's text a problem may repeat: bounded, no control characters, nothing JSON cannot carry. */
    static String printable(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        if (shown.codePointCount(0, shown.length()) > MAX_SHOWN) {
            shown = shown.substring(0, shown.offsetByCodePoints(0, MAX_SHOWN)) + "...";
        }
        // An unpaired surrogate cannot be written as UTF-8: it would fail the response, not just this problem.
        return TextRules.sanitize(shown);
    }
}
