package io.switchboard.events.chat;

/**
 * The turn ended without an answer.
 *
 * @param reason  a stable code clients can switch on, for example {@code model_error} or {@code interrupted}
 * @param message a human-readable explanation
 */
public record TurnFailed(String reason, String message) implements ChatEvent {
}
