package io.switchboard.gateway;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.EnvelopeSerializer;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.testing.kafka.RawProducer;

/** Puts records on the real topics as the other services would. */
public final class GatewayFixtures {

    private GatewayFixtures() {
    }

    /** Announces a chat as session-service would, so the gateway learns its owner. */
    public static String announceChat(RawProducer producer, String tenantId, String model) {
        return announceChat(producer, tenantId, "alice", model);
    }

    /** Announces a chat created by the given user, in a project of its own. */
    public static String announceChat(RawProducer producer, String tenantId, String userId, String model) {
        return announceChat(producer, tenantId, userId, UUID.randomUUID(), model);
    }

    /** Announces a chat created by the given user in the project: the user could add chats to it, then. */
    public static String announceChat(RawProducer producer, String tenantId, String userId, UUID projectId,
            String model) {
        String chatId = UUID.randomUUID().toString();
        publish(producer, Topics.SESSION_LIFECYCLE, Envelope.of(chatId, tenantId, 1, null,
                new ChatCreated(projectId, userId, "test chat", model)));
        return chatId;
    }

    /** Announces a membership change as session-service would: keyed by the project, as of {@code at}. */
    public static void announceMember(RawProducer producer, String tenantId, UUID projectId, long seq, String userId,
            String role, Instant at) {
        Envelope now = Envelope.of(projectId.toString(), tenantId, seq, null,
                new ProjectMemberChanged(projectId, userId, role));
        publish(producer, Topics.SESSION_LIFECYCLE, new Envelope(now.id(), now.type(), now.chatId(), now.tenantId(),
                now.seq(), now.turnId(), at, now.v(), now.payload()));
    }

    public static Envelope chatEvent(String chatId, String tenantId, long seq, UUID turnId, EventPayload payload) {
        return Envelope.of(chatId, tenantId, seq, turnId, payload);
    }

    public static void publish(RawProducer producer, String topic, Envelope event) {
        producer.send(topic, event.chatId(), EventJson.toBytes(event));
    }

    /** As {@link #publish}, with the event type header every service's serializer writes. */
    public static void publishTyped(RawProducer producer, String topic, Envelope event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = new EnvelopeSerializer().serialize(topic, headers, event);
        producer.send(new ProducerRecord<>(topic, null, event.chatId(), value, headers));
    }
}
