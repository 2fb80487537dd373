package io.switchboard.workspace.git;

/**
 * A git operation that cannot succeed for this input, such as an unknown commit. The message is
 * meant for users and goes into {@code WorkspaceFailed}: it never carries server paths.
 */
public class GitFailure extends RuntimeException {

    public GitFailure(String message) {
        super(message);
    }

    public GitFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
