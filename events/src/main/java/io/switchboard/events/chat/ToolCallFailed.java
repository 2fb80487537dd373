package io.switchboard.events.chat;

import io.switchboard.events.EventPayload;

/** A tool call failed; the reason goes back to the model. */
public record ToolCallFailed(String toolCallId, String reason) implements EventPayload {
}
