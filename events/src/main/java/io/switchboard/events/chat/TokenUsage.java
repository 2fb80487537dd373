package io.switchboard.events.chat;

/** Tokens a turn consumed, as the model reported or estimated them. */
public record TokenUsage(long inputTokens, long outputTokens) {
}
