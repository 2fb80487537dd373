package io.switchboard.workspace.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A chat's changes.
 *
 * @param head           the commit the chat's branch points at
 * @param uncommitted    the working directory against {@code head}: what the next commit would record
 * @param defaultBranch  the project's default branch, when the committed changes were asked for
 * @param againstDefault the branch's commits since it left the default branch ({@code git diff main...branch})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceDiff(String branch, String head, DiffPart uncommitted, String defaultBranch,
        DiffPart againstDefault) {
}
