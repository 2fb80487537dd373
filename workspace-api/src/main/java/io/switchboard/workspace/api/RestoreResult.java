package io.switchboard.workspace.api;

/**
 * The answer to a restore request.
 *
 * @param restored     true when a new commit brought the files back; false when the branch already had them
 * @param commit       the commit the branch points at afterwards
 * @param restoredFrom the commit whose files the branch now has
 * @param files        files the new commit changed
 */
public record RestoreResult(boolean restored, String branch, String commit, String restoredFrom, int files) {
}
