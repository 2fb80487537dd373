package io.switchboard.chat.service;

import io.switchboard.chat.model.TurnStatus;
import io.switchboard.events.chat.TokenUsage;

/**
 * How a turn ended, decided before anything about the ending is published or stored.
 *
 * @param reason      the TurnFailed/TurnCancelled reason; null when completed
 * @param message     the TurnFailed message; null otherwise
 * @param wroteFiles  whether a tool changed the workspace, so the turn's changes are committed
 */
public record TurnOutcome(TurnStatus status, String reason, String message, String answer, TokenUsage usage,
        boolean wroteFiles) {

    static final TokenUsage NO_USAGE = new TokenUsage(0, 0);

    public static TurnOutcome completed(String answer, TokenUsage usage, boolean wroteFiles) {
        return new TurnOutcome(TurnStatus.COMPLETED, null, null, answer, usage, wroteFiles);
    }

    public static TurnOutcome failed(String reason, String message) {
        return new TurnOutcome(TurnStatus.FAILED, reason, message, null, NO_USAGE, false);
    }

    public static TurnOutcome cancelled(String reason) {
        return new TurnOutcome(TurnStatus.CANCELLED, reason, null, null, NO_USAGE, false);
    }

    /** The same ending, noting that files were written before it. */
    public TurnOutcome withFilesWritten(boolean written) {
        return new TurnOutcome(status, reason, message, answer, usage, wroteFiles || written);
    }
}
