package io.switchboard.session.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The client's own document for a chat; version 0 (and an empty object) until the first write. */
public record ClientStateBody(UUID chatId, long version, JsonNode state, Instant updatedAt) {
}
