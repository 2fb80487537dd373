package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

// Only changed columns are written: the history consumer counts messages in the same row meanwhile.
@Entity
@Table(name = "chat")
@DynamicUpdate
public class Chat {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String model;

    @Column(nullable = false)
    public boolean pinned;

    /** The project's first chat, made with it; it cannot be deleted. */
    @Column(name = "is_default", nullable = false)
    public boolean isDefault;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChatStatus status;

    @Column(name = "lifecycle_seq", nullable = false)
    public long lifecycleSeq;

    /** The Idempotency-Key the chat was created with, if any; unique per tenant. */
    @Column(name = "creation_key")
    public String creationKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the last message was written, or the chat was created; maintained from chat.events. */
    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    /** Maintained from chat.events, like {@link #openTurns}. */
    @Column(name = "message_count", nullable = false)
    public long messageCount;

    /** Turns asked and not yet answered, queued or running. */
    @Column(name = "open_turns", nullable = false)
    public int openTurns;

    public boolean busy() {
        return openTurns > 0;
    }

    /** The seq of the next event on this chat's session.lifecycle stream. */
    public long nextLifecycleSeq() {
        lifecycleSeq++;
        return lifecycleSeq;
    }
}
