package io.switchboard.workspace.rest;

/** The body of a write: the whole new content of one text file. */
public record WriteFileRequest(String path, String content) {
}
