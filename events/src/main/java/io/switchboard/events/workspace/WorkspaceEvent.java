package io.switchboard.events.workspace;

import io.switchboard.events.EventPayload;

/**
 * An event on workspace.events: what happened to a chat's git workspace.
 * Sealed: a switch over the family is checked for completeness by the compiler, and a new event type
 * cannot be added without its consumers seeing it.
 */
public sealed interface WorkspaceEvent extends EventPayload
        permits Committed, ConflictsChanged, PullRequestOpened, PullRequestUpdated, RepositoryImport, Reverted,
        WorkspaceFailed, WorkspaceReady, WorkspaceRemoved {
}
