package io.switchboard.session.service;

import java.util.List;

import io.switchboard.kit.problem.Problem;

/** A chat file that cannot be imported, with every field found wrong; rendered as a 400 problem naming them. */
public class InvalidChatFile extends RuntimeException {

    public static final String TYPE = "urn:switchboard:problem:invalid-chat-file";

    private final List<Problem.Violation> violations;

    public InvalidChatFile(List<Problem.Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public static InvalidChatFile of(String field, String message) {
        return new InvalidChatFile(List.of(new Problem.Violation(field, message)));
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    // The detail names the first field itself: a proxy that passes on only type, title and detail keeps it.
    private static String describe(List<Problem.Violation> violations) {
        Problem.Violation first = violations.get(0);
        String more = violations.size() == 1 ? "" : " (and " + (violations.size() - 1) + " more)";
        return "The chat file cannot be imported: " + first.field() + " " + first.message() + more;
    }
}
