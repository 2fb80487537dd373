package io.switchboard.workspace.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One commit of a chat's branch.
 *
 * @param id           the full commit id
 * @param subject      the message's first line
 * @param message      the whole message, without Switchboard's trailers
 * @param turnId       the turn whose changes it holds; null for a commit no turn made (a restored checkpoint)
 * @param restoredFrom for a restored checkpoint, the earlier commit whose files it brought back; otherwise null
 * @param time         when it was committed
 */
public record CommitView(String id, String subject, String message, UUID turnId, String restoredFrom,
                         String author, Instant time) {
}
