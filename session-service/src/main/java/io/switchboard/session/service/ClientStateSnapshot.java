package io.switchboard.session.service;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A chat's client state as stored, or version 0 with an empty object when nothing is. */
public record ClientStateSnapshot(UUID chatId, long version, JsonNode document, Instant updatedAt) {
}
