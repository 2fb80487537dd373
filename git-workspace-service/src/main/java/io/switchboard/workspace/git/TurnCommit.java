package io.switchboard.workspace.git;

/**
 * What a commit request did.
 *
 * @param committed true when the branch has a commit for this request: a new one, or, with
 *                  {@code replayed}, the one an earlier request for the same turn made
 * @param commit    the commit the branch points at afterwards
 * @param files     files the new commit changed; 0 when nothing was committed or it was replayed
 */
public record TurnCommit(boolean committed, String commit, int files, boolean replayed) {
}
