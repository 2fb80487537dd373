package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One chat's workspace: its branch in the project repository and its event stream position. */
@Entity
@Table(name = "workspace")
public class Workspace {

    @Id
    @Column(name = "chat_id")
    private UUID chatId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "branch", nullable = false)
    private String branch;

    @Column(name = "head_commit")
    private String headCommit;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private WorkspaceStatus status;

    @Column(name = "failure_reason")
    private String failureReason;

    /** Seq of the last event published for this chat on workspace.events; the next one is this plus one. */
    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    /** The chat's part of the conflict radar as last announced, as JSON. */
    @Column(name = "conflicts", nullable = false)
    private String conflicts = "[]";

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Workspace() {
    }

    public Workspace(UUID chatId, String tenantId, UUID projectId, String branch) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.projectId = projectId;
        this.branch = branch;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** Moves to a new state and claims the next seq for the event announcing it. */
    public long transition(WorkspaceStatus next) {
        status = next;
        updatedAt = Instant.now();
        return ++lastSeq;
    }

    /** The chat's shared files changed; claims the next seq for the event announcing it. */
    public long conflictsChanged(String json) {
        conflicts = json;
        updatedAt = Instant.now();
        return ++lastSeq;
    }

    public String conflicts() {
        return conflicts;
    }

    /** Claims the next seq for an event about the chat's workspace that changes nothing stored. */
    public long nextSeq() {
        updatedAt = Instant.now();
        return ++lastSeq;
    }

    /** The chat's branch moved to a new commit; claims the next seq for the event announcing it. */
    public long committed(String commit) {
        headCommit = commit;
        updatedAt = Instant.now();
        return ++lastSeq;
    }

    public void ready(String commit) {
        headCommit = commit;
        failureReason = null;
    }

    public void failed(String reason) {
        failureReason = reason;
    }

    public UUID chatId() {
        return chatId;
    }

    public String tenantId() {
        return tenantId;
    }

    public UUID projectId() {
        return projectId;
    }

    public String branch() {
        return branch;
    }

    public String headCommit() {
        return headCommit;
    }

    public WorkspaceStatus status() {
        return status;
    }

    public String failureReason() {
        return failureReason;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
