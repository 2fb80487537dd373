package io.switchboard.workspace.git;

/** A branch and the commit it points at. */
public record BranchHead(String branch, String commit) {
}
