package io.switchboard.session.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change a user made: who, what, when and to which project, chat or other thing. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Column(nullable = false)
    public String action;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "chat_id")
    public UUID chatId;

    /** What else the change was about: a view, a member's user id, a tab. */
    @Column(name = "target_id")
    public String targetId;

    @Column(nullable = false, insertable = false, updatable = false)
    public Instant at;
}
