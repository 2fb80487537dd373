package io.switchboard.workspace.api;

import java.util.List;

/**
 * What a directory holds, in path order.
 *
 * @param path      the directory listed, relative; empty for the working directory itself
 * @param truncated true when more entries exist than the limit let through
 */
public record FileListing(String path, boolean recursive, List<FileEntry> entries, boolean truncated) {
}
