package io.switchboard.workspace.files;

/**
 * One matching line.
 *
 * @param line 1-based line number
 * @param text the line without its ending, cut after {@value ChatSearch#MAX_LINE_CHARS} characters
 */
public record SearchMatch(String path, int line, String text) {
}
