package io.switchboard.workspace.api;

/** A chat's branch and the commit it points at now. */
public record BranchView(String chatId, String branch, String headCommit) {
}
