package io.switchboard.workspace.api;

import java.util.UUID;

/**
 * The body of a commit.
 *
 * @param turnId the agent turn the commit closes, if any: recorded on the Committed event and as a
 *               {@code Switchboard-Turn} trailer, which makes a repeated request for the same turn
 *               answer with the same commit instead of a second one
 */
public record CommitRequest(String message, UUID turnId) {
}
