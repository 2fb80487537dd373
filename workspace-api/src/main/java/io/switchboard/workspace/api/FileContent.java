package io.switchboard.workspace.api;

/**
 * A text file, or the requested range of its lines.
 *
 * @param size       bytes of the whole file
 * @param totalLines lines in the whole file
 * @param fromLine   first line returned, 1-based
 * @param toLine     last line returned; less than fromLine when no line was returned
 * @param content    the returned lines with their line endings
 */
public record FileContent(String path, long size, int totalLines, int fromLine, int toLine, String content) {
}
