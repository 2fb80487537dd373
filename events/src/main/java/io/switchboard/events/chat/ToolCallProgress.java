package io.switchboard.events.chat;

import io.switchboard.events.EventPayload;

/** An intermediate report of a running tool call. */
public record ToolCallProgress(String toolCallId, String message) implements EventPayload {
}
