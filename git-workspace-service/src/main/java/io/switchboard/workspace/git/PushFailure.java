package io.switchboard.workspace.git;

/** A push or fetch the remote did not serve, and why, so the user is told what to do about it. */
public class PushFailure extends GitFailure {

    public enum Kind {
        /** The remote refused the credentials. */
        UNAUTHORIZED,
        /** The remote took the credentials but refused the update: a protected branch, a hook, a diverged branch. */
        REJECTED,
        /** No answer from the remote. */
        UNREACHABLE
    }

    private final Kind kind;

    public PushFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
