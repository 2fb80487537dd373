package io.switchboard.workspace.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One file a diff touches.
 *
 * @param change  {@code ADD}, {@code MODIFY}, {@code DELETE}, {@code RENAME} or {@code COPY}
 * @param oldPath the path before a rename or copy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangedFile(String path, String change, String oldPath) {
}
