package io.switchboard.events.chat;

/** A tool call finished; {@code result} is what goes back to the model. */
public record ToolCallResult(String toolCallId, String result) implements ChatEvent {
}
