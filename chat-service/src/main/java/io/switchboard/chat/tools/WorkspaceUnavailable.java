package io.switchboard.chat.tools;

/** git-workspace-service failed to answer properly (5xx); a read may be retried. */
public class WorkspaceUnavailable extends RuntimeException {

    public WorkspaceUnavailable(String message) {
        super(message, null, false, false);
    }
}
