package io.switchboard.events.workspace;

import io.switchboard.events.EventPayload;

/** A pull request changed state, for example {@code merged} or {@code closed}. */
public record PullRequestUpdated(int number, String state) implements EventPayload {
}
