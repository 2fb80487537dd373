package io.switchboard.events.workspace;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * Where the import of an existing repository into the chat's project stands, on each chat of the project: cloning
 * (with the git phase and its percentage when git knows it), imported (the project's new default branch and its
 * head, which the chat's branch now starts from) or failed (with the reason; the import can be started again).
 *
 * @param source the repository as the user named it, without any credentials
 */
public record RepositoryImport(UUID projectId, String source, String state, @Nullable String phase,
        @Nullable Integer percent, @Nullable String reason, @Nullable String defaultBranch,
        @Nullable String headCommit) implements WorkspaceEvent {

    public static final String CLONING = "cloning";
    public static final String IMPORTED = "imported";
    public static final String FAILED = "failed";
}
