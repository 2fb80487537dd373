package io.switchboard.workspace.api;

/**
 * The answer to a commit request.
 *
 * @param committed true when the branch has a commit for the request; false when there was nothing to commit
 * @param commit    the commit the branch points at afterwards (the unchanged head when nothing was committed)
 * @param files     files the new commit changed
 * @param replayed  true when an earlier request for the same turn had already made the commit
 */
public record CommitResult(boolean committed, String branch, String commit, int files, boolean replayed) {
}
