package io.switchboard.workspace.api;

/**
 * A file after a write.
 *
 * @param size    bytes written
 * @param created true when the file did not exist before
 */
public record FileWritten(String path, long size, boolean created) {
}
