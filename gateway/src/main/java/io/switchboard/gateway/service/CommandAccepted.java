package io.switchboard.gateway.service;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A turn command is durably on chat.commands; chat-service answers on chat.events ({@code TurnCancelled},
 * {@code QueuedTurnEdited} or {@code CommandRejected}).
 *
 * @param command   the command's wire type, e.g. {@code StopTurn}
 * @param commandId the command envelope's id
 * @param turnId    the turn it refers to, when it refers to one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandAccepted(UUID chatId, String command, UUID commandId, UUID turnId) {
}
