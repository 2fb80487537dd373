package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "project")
public class Project {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String name;

    /** Last seq of the project's own session.lifecycle records: its membership changes. */
    @Column(name = "lifecycle_seq", nullable = false)
    public long lifecycleSeq;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public long nextLifecycleSeq() {
        return ++lifecycleSeq;
    }
}
