package io.switchboard.chat.llm;

import io.smallrye.mutiny.Multi;

/**
 * A model that answers one step of a turn: it streams text and may ask for tool calls, then reports
 * the tokens it used. Implementations signal failure with {@link ModelException}.
 */
public interface ChatModel {

    /** The name chats select it by. */
    default String name() {
        return description().name();
    }

    ModelDescription description();

    /**
     * Streams one model step. The stream emits {@link ModelEvent.Text} pieces and {@link ModelEvent.ToolCall}s
     * in any order and ends with exactly one {@link ModelEvent.Finished}. Cancelling the subscription stops
     * the request.
     */
    Multi<ModelEvent> stream(ModelRequest request);
}
