package io.switchboard.gateway.rest;

import java.util.UUID;

/** The answer to a sent message: it is on its way; its progress arrives as chat events. */
public record MessageAccepted(UUID chatId, String clientMessageId, String model) {
}
