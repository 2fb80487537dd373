package io.switchboard.workspace.api;

import java.util.List;

/**
 * A page of a project's branches in name order.
 *
 * @param next cursor for the following page: pass it as {@code after}; null on the last page
 */
public record BranchListing(String projectId, String defaultBranch, List<BranchInfo> branches, String next) {
}
