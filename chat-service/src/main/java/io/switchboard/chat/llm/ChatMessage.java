package io.switchboard.chat.llm;

import java.util.List;

/** One message of the conversation a model is given. */
public sealed interface ChatMessage {

    /** The message's text; for a tool result, what the tool returned. */
    String text();

    /** Instructions that frame the whole conversation. */
    record System(String text) implements ChatMessage {
    }

    record User(String text) implements ChatMessage {
    }

    /** What the model answered; {@code toolCalls} is empty unless it asked for tools. */
    record Assistant(String text, List<ModelEvent.ToolCall> toolCalls) implements ChatMessage {

        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** The outcome of one tool call, given back to the model. */
    record ToolResult(String toolCallId, String toolName, String text, boolean error) implements ChatMessage {
    }
}
