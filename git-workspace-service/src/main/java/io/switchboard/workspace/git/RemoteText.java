package io.switchboard.workspace.git;

/**
 * Text a remote host sent (a git server's refusal, GitHub's error message), made fit to quote to a user: one line
 * without control characters, at most {@value #MAX_LENGTH} characters. It comes from outside, so it is never
 * passed on whole.
 */
public final class RemoteText {

    public static final int MAX_LENGTH = 300;

    private RemoteText() {
    }

    public static String quote(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) + "…" : printable;
    }
}
