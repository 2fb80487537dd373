package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's UI state beside the tabs ({@link UiTab}): active tab, last active view, and the version of both. */
@Entity
@Table(name = "ui_state")
public class UiState {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "active_chat_id")
    public UUID activeChatId;

    @Column(name = "last_view_id")
    public UUID lastViewId;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
