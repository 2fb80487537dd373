package io.switchboard.workspace.files;

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

    private FileProblems() {
    }

    public static ProblemException invalidPath(String path, String why) {
        return new ProblemException(400, INVALID_PATH, "Invalid path", "Path '" + printable(path) + "' " + why);
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

    private static String printable(String path) {
        String shown = path.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }
}
