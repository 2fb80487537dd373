package io.switchboard.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The wrapper every record on every topic carries. {@code chatId} is also the Kafka key.
 *
 * @param id       unique id of this event, for de-duplication by consumers
 * @param type     the wire name of the payload type, see {@link EventType}
 * @param chatId   the chat this event belongs to; the only routing key
 * @param tenantId the tenant owning the chat
 * @param seq      position in the chat's stream on this topic: gapless and monotonic per chat,
 *                 assigned by the one producer of that stream; 0 for commands, which are not a stream
 * @param turnId   the turn this event belongs to, or null
 * @param at       when the producer created the event
 * @param v        schema version of the payload type
 * @param payload  the event itself
 */
public record Envelope(
        UUID id,
        String type,
        String chatId,
        String tenantId,
        long seq,
        UUID turnId,
        Instant at,
        int v,
        EventPayload payload) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new envelope for a payload, with a fresh id and the current time. */
    public static Envelope of(String chatId, String tenantId, long seq, UUID turnId, EventPayload payload) {
        EventType type = EventType.of(payload);
        return new Envelope(UUID.randomUUID(), type.wireName(), chatId, tenantId, seq, turnId, Instant.now(),
                type.version(), payload);
    }

    public EventType eventType() {
        return EventType.of(payload);
    }

    /** The payload cast to the expected type, or an exception naming both types. */
    public <P extends EventPayload> P payloadAs(Class<P> expected) {
        if (!expected.isInstance(payload)) {
            throw new IllegalStateException("Event " + id + " carries " + type + ", not " + expected.getSimpleName());
        }
        return expected.cast(payload);
    }
}
