package io.switchboard.session.api;

import java.time.Instant;
import java.util.UUID;

/** One audit log entry; {@code id} is the cursor for the next (older) page. */
public record AuditEntryView(long id, String actorId, String action, UUID projectId, UUID chatId, String targetId,
        Instant at) {
}
