package io.switchboard.events.chat;

/** A tool call failed; the reason goes back to the model. */
public record ToolCallFailed(String toolCallId, String reason) implements ChatEvent {
}
