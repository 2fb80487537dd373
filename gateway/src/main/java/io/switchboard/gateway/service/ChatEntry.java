package io.switchboard.gateway.service;

import java.util.UUID;

/** What the gateway needs to know about a chat to route to it: whose it is, its project and its model. */
public record ChatEntry(String chatId, String tenantId, UUID projectId, String model, boolean deleted) {
}
