package io.switchboard.events.command;

import io.switchboard.events.EventPayload;

/**
 * Asks chat-service to answer a user message in a chat.
 *
 * @param clientMessageId idempotency key chosen by the client: resending it is a no-op
 * @param userId          the author, taken from the verified token at the gateway
 * @param text            the message
 * @param model           the model that answers
 */
public record SendMessage(String clientMessageId, String userId, String text, String model) implements EventPayload {
}
