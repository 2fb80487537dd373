package io.switchboard.gateway.rest;

/**
 * A value outside the body that fails its check, such as a header. {@link InvalidFieldMapper} answers it with
 * the same invalid-request problem as an invalid body field, naming it, so a client handles both alike.
 */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
