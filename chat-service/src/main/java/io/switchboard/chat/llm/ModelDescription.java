package io.switchboard.chat.llm;

/**
 * What clients are told about a configured model.
 *
 * @param name                the name chats select it by
 * @param provider            {@code offline}, {@code openai} or {@code anthropic}
 * @param contextWindowTokens how many tokens of history and tools fit in one request
 * @param supportsTools       whether the agent tool loop is offered to it
 */
public record ModelDescription(String name, String provider, int contextWindowTokens, boolean supportsTools) {
}
