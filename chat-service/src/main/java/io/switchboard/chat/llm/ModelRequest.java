package io.switchboard.chat.llm;

/** What a model is asked in one turn. */
public record ModelRequest(String chatId, String model, String userText) {
}
