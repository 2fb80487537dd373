package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "chat")
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
    public String model;

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

    /** The seq of the next event on this chat's session.lifecycle stream. */
    public long nextLifecycleSeq() {
        lifecycleSeq++;
        return lifecycleSeq;
    }
}
