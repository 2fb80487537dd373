package io.switchboard.kit.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body. {@code type} is a stable URI clients can switch on; {@code detail}
 * explains this occurrence in words and never carries exception class names or stack traces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field, for 400 responses. */
    public record Violation(String field, String message) {
    }
}
