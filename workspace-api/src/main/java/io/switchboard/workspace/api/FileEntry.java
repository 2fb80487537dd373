package io.switchboard.workspace.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a listing.
 *
 * @param type {@code file}, {@code directory} or {@code symlink}
 * @param size bytes, for files only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileEntry(String path, String type, Long size) {

    public static FileEntry file(String path, long size) {
        return new FileEntry(path, "file", size);
    }

    public static FileEntry directory(String path) {
        return new FileEntry(path, "directory", null);
    }

    public static FileEntry symlink(String path) {
        return new FileEntry(path, "symlink", null);
    }
}
