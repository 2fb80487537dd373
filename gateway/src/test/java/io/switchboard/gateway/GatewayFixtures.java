package io.switchboard.gateway;

import java.util.UUID;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.testing.kafka.RawProducer;

/** Puts records on the real topics as the other services would. */
public final class GatewayFixtures {

    private GatewayFixtures() {
    }

    /** Announces a chat as session-service would, so the gateway learns its owner. */
    public static String announceChat(RawProducer producer, String tenantId, String model) {
        return announceChat(producer, tenantId, "alice", model);
    }

    /** Announces a chat created by the given user. */
    public static String announceChat(RawProducer producer, String tenantId, String userId, String model) {
        String chatId = UUID.randomUUID().toString();
        publish(producer, Topics.SESSION_LIFECYCLE, Envelope.of(chatId, tenantId, 1, null,
                new ChatCreated(UUID.randomUUID(), userId, "test chat", model)));
        return chatId;
    }

    public static Envelope chatEvent(String chatId, String tenantId, long seq, UUID turnId, EventPayload payload) {
        return Envelope.of(chatId, tenantId, seq, turnId, payload);
    }

    public static void publish(RawProducer producer, String topic, Envelope event) {
        producer.send(topic, event.chatId(), EventJson.toBytes(event));
    }
}
