package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's split-pane view; its panes are {@link ViewPane} rows. */
@Entity
@Table(name = "split_view")
public class SplitView {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String name;

    /** {@code horizontal}, {@code vertical} or {@code grid}. */
    @Column(nullable = false)
    public String layout;

    /** {@code independent} or {@code broadcast}. */
    @Column(name = "sync_mode", nullable = false)
    public String syncMode;

    @Column(name = "max_panes", nullable = false)
    public int maxPanes;

    /** Moves on with every change, including a pane dropped because its chat was deleted (by a trigger). */
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
