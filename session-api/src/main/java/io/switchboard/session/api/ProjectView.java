package io.switchboard.session.api;

import java.time.Instant;
import java.util.UUID;

/** A project as the caller sees it; {@code role} is the caller's own: owner, editor or viewer. */
public record ProjectView(UUID id, String name, String ownerId, String role, Instant createdAt) {
}
