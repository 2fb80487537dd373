package io.switchboard.chat.model;

import io.switchboard.events.chat.TokenUsage;

/** What chat-service keeps per chat: where its event stream stands, its state and its token totals. */
public record ChatStream(String chatId, long lastSeq, ChatState state, TokenUsage usage) {
}
