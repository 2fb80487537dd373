package io.switchboard.session.rest;

import java.time.Instant;
import java.util.UUID;

public record ChatView(UUID id, UUID projectId, String title, String model, String status, String ownerId,
        Instant createdAt, Instant updatedAt) {
}
