package io.switchboard.kit.problem;

/** Ends a request with a problem response; thrown by services, rendered by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "urn:switchboard:problem:not-found", "Not found",
                what + " " + id + " does not exist");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "urn:switchboard:problem:bad-request", "Bad request", detail);
    }

    /** The caller may see the thing but not do this to it (a project viewer sending, say). */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "urn:switchboard:problem:forbidden", "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "urn:switchboard:problem:conflict", "Conflict", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "urn:switchboard:problem:unavailable", "Service unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, null);
    }
}
