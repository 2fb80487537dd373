package io.switchboard.session.rest;

import java.time.Instant;
import java.util.UUID;

public record ProjectView(UUID id, String name, String ownerId, Instant createdAt) {
}
