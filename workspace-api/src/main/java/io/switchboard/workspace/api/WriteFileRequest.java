package io.switchboard.workspace.api;

/** The body of a write: the whole new content of one text file. */
public record WriteFileRequest(String path, String content) {
}
