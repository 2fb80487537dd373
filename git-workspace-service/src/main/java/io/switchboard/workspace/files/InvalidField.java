package io.switchboard.workspace.files;

import java.util.List;

import io.switchboard.kit.problem.Problem;
import io.switchboard.kit.problem.ProblemException;

/**
 * A 400 problem about one field of a request. Its {@code detail} says what is wrong in a sentence a model can
 * act on (chat-service hands the detail to the model), and {@code violations} names the field, as the
 * problems of Bean Validation do, for clients that switch on it.
 */
public class InvalidField extends ProblemException {

    private final String field;
    private final String reason;

    public InvalidField(String type, String title, String field, String detail, String reason) {
        super(400, type, title, detail);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    @Override
    public Problem toProblem(String instance) {
        return new Problem(type(), title(), status(), getMessage(), instance,
                List.of(new Problem.Violation(field, reason)));
    }
}
