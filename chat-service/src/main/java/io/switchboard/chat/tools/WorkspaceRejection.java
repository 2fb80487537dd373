package io.switchboard.chat.tools;

/**
 * git-workspace-service refused the request (a 4xx problem): the request was wrong, retrying it
 * changes nothing, and the service is healthy, so it never opens the circuit.
 */
public class WorkspaceRejection extends RuntimeException {

    private final int status;
    private final String type;

    public WorkspaceRejection(int status, String type, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
