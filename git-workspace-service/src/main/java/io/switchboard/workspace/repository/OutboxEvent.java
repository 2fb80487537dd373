package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.PayloadSanitizer;

/**
 * An event written in the same transaction as the state change it announces, then published.
 * Publishing from here means a crash between commit and send loses nothing, and a re-send carries
 * the very same id and seq instead of a new one.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "chat_id", nullable = false)
    private UUID chatId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "envelope", nullable = false)
    private String envelope;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    protected OutboxEvent() {
    }

    public static OutboxEvent of(Envelope envelope) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = envelope.id();
        event.chatId = UUID.fromString(envelope.chatId());
        event.tenantId = envelope.tenantId();
        event.seq = envelope.seq();
        event.type = envelope.type();
        // An entry the relay's reader would refuse would stop the relay for every chat behind it: written clean.
        event.envelope = EventJson.toJson(PayloadSanitizer.sanitize(envelope));
        event.createdAt = envelope.at();
        return event;
    }

    public Envelope envelope() {
        return EventJson.fromJson(envelope);
    }

    public void published() {
        publishedAt = Instant.now();
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID chatId() {
        return chatId;
    }

    public long seq() {
        return seq;
    }

    public String type() {
        return type;
    }

    public boolean isPublished() {
        return publishedAt != null;
    }
}
