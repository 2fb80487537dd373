package io.switchboard.workspace.api;

import java.util.List;

/** A file that more than one chat of a project changed against the default branch, and those chats. */
public record FileConflict(String path, List<String> chatIds) {
}
