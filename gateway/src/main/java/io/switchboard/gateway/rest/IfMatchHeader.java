package io.switchboard.gateway.rest;

import java.util.regex.Pattern;

/**
 * The {@code If-Match} header of a view, UI-state or client-state write: the version the client read, as a
 * number or an entity tag ({@code "3"}). Checked here so that nothing else leaves the gateway in it.
 */
final class IfMatchHeader {

    static final String HEADER = "If-Match";

    private static final Pattern FORM = Pattern.compile("(?:W/)?\"?\\d{1,18}\"?");

    private IfMatchHeader() {
    }

    /** The header when absent or a version; otherwise a 400 naming it. */
    static String checked(String header) {
        if (header != null && !FORM.matcher(header.strip()).matches()) {
            throw new InvalidField(HEADER, "must be a version number, e.g. \"3\"");
        }
        return header == null ? null : header.strip();
    }
}
