package io.switchboard.gateway.service;

/** What the gateway needs to know about a chat to route to it: who owns it and which model it uses. */
public record ChatEntry(String chatId, String tenantId, String model, boolean deleted) {
}
