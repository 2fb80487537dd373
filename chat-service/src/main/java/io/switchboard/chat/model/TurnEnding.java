package io.switchboard.chat.model;

import io.switchboard.events.chat.TokenUsage;

/** How a turn ended, as recorded on its row. */
public record TurnEnding(TurnStatus status, String reason, String answer, TokenUsage usage) {
}
