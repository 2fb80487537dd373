package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The JSON object a user's client keeps for one chat (open files, scroll position, draft). */
@Entity
@Table(name = "chat_client_state")
public class ChatClientState {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "chat_id", nullable = false)
    public UUID chatId;

    /** The object as JSON text, non-ASCII escaped. */
    @Column(nullable = false)
    public String document;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
