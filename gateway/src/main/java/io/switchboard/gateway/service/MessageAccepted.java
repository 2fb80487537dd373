package io.switchboard.gateway.service;

import java.util.UUID;

import io.switchboard.events.command.Delivery;

/**
 * A message is on its way to its chat: the command is durably on chat.commands. What became of it arrives
 * as chat events ({@code TurnQueued}, ..., or {@code CommandRejected}).
 */
public record MessageAccepted(UUID chatId, String clientMessageId, String model, Delivery delivery) {
}
