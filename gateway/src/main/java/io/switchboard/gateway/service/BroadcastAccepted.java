package io.switchboard.gateway.service;

import java.util.List;

/**
 * Every message of a broadcast is on its way, one per chat, all under the same {@code clientMessageId}
 * (idempotency is per chat, so repeating the broadcast with it is a no-op everywhere).
 */
public record BroadcastAccepted(String clientMessageId, List<MessageAccepted> messages) {
}
