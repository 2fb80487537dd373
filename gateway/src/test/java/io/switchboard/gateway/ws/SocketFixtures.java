package io.switchboard.gateway.ws;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.kafka.RawProducer;

/** Steps the socket tests share. */
final class SocketFixtures {

    private SocketFixtures() {
    }

    /**
     * Subscribes, retrying while the gateway has not yet learned the chat from session.lifecycle (it
     * answers not_found until then), and returns the subscribed frame.
     */
    static JsonNode subscribeWhenKnown(TestSocket socket, String chatId, Long afterSeq) {
        String frame = "{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\""
                + (afterSeq == null ? "" : ",\"afterSeq\":" + afterSeq) + "}";
        JsonNode[] answer = new JsonNode[1];
        await().atMost(TestSocket.TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer[0] = socket.request(frame, "subscribed");
            return "subscribed".equals(answer[0].path("type").asText());
        });
        return answer[0];
    }

    /** Waits until the gateway knows the chat, as its owner would see it. */
    static void awaitKnown(TestSocket ownerSocket, String chatId) {
        subscribeWhenKnown(ownerSocket, chatId, null);
        ownerSocket.request("{\"type\":\"unsubscribe\",\"chatId\":\"" + chatId + "\"}", "unsubscribed");
    }

    static void publishChatEvent(RawProducer producer, String chatId, String tenantId, long seq, UUID turnId,
            EventPayload payload) {
        GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                GatewayFixtures.chatEvent(chatId, tenantId, seq, turnId, payload));
    }
}
