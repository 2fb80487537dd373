package io.switchboard.workspace.api;

import java.util.List;

/**
 * A page of the commits a chat's branch has and the project's default branch has not, newest first.
 *
 * @param ahead  commits on the chat's branch since it and the default branch parted
 * @param behind commits on the default branch since then
 * @param next   cursor for the following (older) page: pass it as {@code after}; null on the last page
 */
public record CommitPage(String branch, String headCommit, String defaultBranch, int ahead, int behind,
                         List<CommitView> commits, String next) {
}
