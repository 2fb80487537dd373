package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A chat's latest pull request, as last seen on GitHub. */
@Entity
@Table(name = "pull_request")
public class PullRequest {

    @Id
    @Column(name = "chat_id")
    private UUID chatId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "project_id", nullable = false)
    private UUID projectId;

    @Column(name = "repository", nullable = false)
    private String repository;

    @Column(name = "number", nullable = false)
    private int number;

    @Column(name = "url", nullable = false)
    private String url;

    @Column(name = "title", nullable = false)
    private String title;

    @Column(name = "branch", nullable = false)
    private String branch;

    @Column(name = "base_branch", nullable = false)
    private String baseBranch;

    /** {@code open}, {@code closed} or {@code merged}. */
    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    protected PullRequest() {
    }

    public PullRequest(UUID chatId, String tenantId, UUID projectId) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.projectId = projectId;
    }

    /** A new pull request of the chat replaces the one before (closed or merged). */
    public void opened(String repository, int number, String url, String title, String branch, String baseBranch,
            String state) {
        this.repository = repository;
        this.number = number;
        this.url = url;
        this.title = title;
        this.branch = branch;
        this.baseBranch = baseBranch;
        this.state = state;
        this.openedAt = Instant.now();
        this.checkedAt = openedAt;
    }

    /** Records the state GitHub shows now; true when it changed. */
    public boolean checked(String current) {
        checkedAt = Instant.now();
        if (current.equals(state)) {
            return false;
        }
        state = current;
        return true;
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

    public String repository() {
        return repository;
    }

    public int number() {
        return number;
    }

    public String url() {
        return url;
    }

    public String title() {
        return title;
    }

    public String branch() {
        return branch;
    }

    public String baseBranch() {
        return baseBranch;
    }

    public String state() {
        return state;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant checkedAt() {
        return checkedAt;
    }
}
