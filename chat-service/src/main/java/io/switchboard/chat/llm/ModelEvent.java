package io.switchboard.chat.llm;

import io.switchboard.events.chat.TokenUsage;

/** What a model step streams. */
public sealed interface ModelEvent {

    /** A piece of the answer's text. */
    record Text(String text) implements ModelEvent {
    }

    /**
     * The model asks for a tool to be run.
     *
     * @param id            the provider's id for the call, echoed back with its result
     * @param name          the tool's name
     * @param argumentsJson the arguments as a JSON object text, as the model wrote them
     */
    record ToolCall(String id, String name, String argumentsJson) implements ModelEvent {
    }

    /** The step ended; usage as the provider reported it, or estimated. */
    record Finished(TokenUsage usage) implements ModelEvent {
    }
}
