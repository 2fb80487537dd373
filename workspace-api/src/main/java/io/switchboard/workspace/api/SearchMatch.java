package io.switchboard.workspace.api;

/**
 * One matching line.
 *
 * @param line 1-based line number
 * @param text the line without its ending, cut after 300 characters
 */
public record SearchMatch(String path, int line, String text) {
}
