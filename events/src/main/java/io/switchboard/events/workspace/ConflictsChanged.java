package io.switchboard.events.workspace;

import java.util.List;
import java.util.UUID;

/**
 * The chat's part of its project's conflict radar changed: {@code files} are now the files its branch changed
 * (against the merge-base with {@code defaultBranch}) that other chats' branches changed too, in path order; empty
 * when no longer any. Sent only when that list changes, so a coming merge conflict shows before anyone merges.
 */
public record ConflictsChanged(UUID projectId, String defaultBranch, List<SharedFile> files)
        implements WorkspaceEvent {

    public ConflictsChanged {
        files = List.copyOf(files);
    }
}
