package io.switchboard.events.chat;

import com.fasterxml.jackson.databind.JsonNode;

/** The model called a tool; {@code arguments} is the JSON object it passed. */
public record ToolCallStarted(String toolCallId, String tool, JsonNode arguments) implements ChatEvent {
}
