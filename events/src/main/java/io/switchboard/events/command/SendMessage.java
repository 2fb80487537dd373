package io.switchboard.events.command;

import io.switchboard.events.Nullable;

/**
 * Asks chat-service to answer a user message in a chat.
 *
 * @param clientMessageId idempotency key chosen by the client: resending it is a no-op
 * @param userId          the author, taken from the verified token at the gateway
 * @param text            the message
 * @param model           the model that answers
 * @param delivery        when it runs if the chat is busy; absent means {@link Delivery#QUEUE}
 */
public record SendMessage(String clientMessageId, String userId, String text, String model,
                          @Nullable Delivery delivery) implements ChatCommand {

    public SendMessage(String clientMessageId, String userId, String text, String model) {
        this(clientMessageId, userId, text, model, null);
    }

    /** The delivery, with the default applied. */
    public Delivery effectiveDelivery() {
        return delivery == null ? Delivery.QUEUE : delivery;
    }
}
