package io.switchboard.workspace.api;

import java.util.List;

/**
 * What merging a chat's branch into the default branch did, or would do with {@code dryRun}.
 *
 * @param outcome     {@code merged}, {@code up-to-date} (the default branch has every commit already) or
 *                    {@code conflicts} (nothing was written)
 * @param fastForward true when the default branch simply moved to the chat's head
 * @param commit      the default branch's head afterwards (with {@code dryRun}, now)
 * @param conflicts   the files changed on both branches in ways that do not merge, in path order
 */
public record MergeResult(String outcome, String branch, String defaultBranch, boolean fastForward, String commit,
                          boolean dryRun, List<String> conflicts) {
}
