package io.switchboard.session.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.kit.problem.ProblemException;

/**
 * The {@code If-Match} header of a versioned write: the version the client read, as a number or an entity
 * tag ({@code "3"}, {@code W/"3"}).
 */
final class IfMatch {

    static final String HEADER = "If-Match";

    private static final Pattern FORM = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private IfMatch() {
    }

    /** The expected version; a write without one is refused (428), as it could overwrite unseen changes. */
    static long required(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "urn:switchboard:problem:version-required", "Precondition required",
                    "Send the version you read in the If-Match header");
        }
        return parse(header);
    }

    /** The expected version, or null when the client did not name one. */
    static Long optional(String header) {
        return header == null || header.isBlank() ? null : parse(header);
    }

    private static long parse(String header) {
        Matcher matcher = FORM.matcher(header.strip());
        if (!matcher.matches()) {
            throw ProblemException.badRequest("If-Match must be a version number, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
