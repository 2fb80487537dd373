package io.switchboard.chat.llm;

import java.util.List;

/**
 * One model step of a turn.
 *
 * @param chatId   the chat, for logging only: the messages already hold its whole context
 * @param model    the configured model name
 * @param messages the conversation, oldest first, ending with the current user message or tool results
 * @param tools    the tools the model may call; empty when none
 */
public record ModelRequest(String chatId, String model, List<ChatMessage> messages, List<ToolSpec> tools) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** The text of the last user message, or empty when there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof ChatMessage.User user) {
                return user.text();
            }
        }
        return "";
    }
}
