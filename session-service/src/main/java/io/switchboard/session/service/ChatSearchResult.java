package io.switchboard.session.service;

import java.util.UUID;

/** A chat a search found, the text that matched, and the message it is from (null for the title). */
public record ChatSearchResult(ChatSummary chat, String snippet, UUID messageId) {
}
