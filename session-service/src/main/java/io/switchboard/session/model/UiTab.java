package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A chat's tab: open (no {@code closedAt}) at a position among the open tabs, or recently closed. */
@Entity
@Table(name = "ui_tab")
public class UiTab {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "chat_id", nullable = false)
    public UUID chatId;

    /** Order among the open tabs, or among the closed ones with 0 the most recently closed. */
    @Column(nullable = false)
    public int position;

    @Column(name = "closed_at")
    public Instant closedAt;
}
