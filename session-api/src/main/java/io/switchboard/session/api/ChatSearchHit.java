package io.switchboard.session.api;

import java.util.UUID;

/**
 * A chat that matches a search, with the text that matched: its newest matching message ({@code messageId}
 * names it) or, when only the title or description matched, that. Matched words are marked {@code **like this**}.
 */
public record ChatSearchHit(ChatView chat, String snippet, UUID messageId) {
}
