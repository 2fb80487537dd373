package io.switchboard.workspace.api;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A chat's workspace as clients see it.
 *
 * @param status        {@code PENDING}, {@code READY} or {@code FAILED}
 * @param failureReason only when the status is {@code FAILED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceView(String chatId, UUID projectId, String branch, String headCommit, String status,
        String failureReason) {
}
