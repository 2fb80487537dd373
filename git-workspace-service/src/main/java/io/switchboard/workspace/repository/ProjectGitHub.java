package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The GitHub repository a project's chats open pull requests on, and its access token, sealed. */
@Entity
@Table(name = "project_github")
public class ProjectGitHub {

    @Id
    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "repository", nullable = false)
    private String repository;

    @Column(name = "default_branch", nullable = false)
    private String defaultBranch;

    @Column(name = "sealed_token", nullable = false)
    private String sealedToken;

    @Column(name = "connected_at", nullable = false)
    private Instant connectedAt;

    protected ProjectGitHub() {
    }

    public ProjectGitHub(UUID projectId, String tenantId) {
        this.projectId = projectId;
        this.tenantId = tenantId;
    }

    public void connect(String repository, String defaultBranch, String sealedToken) {
        this.repository = repository;
        this.defaultBranch = defaultBranch;
        this.sealedToken = sealedToken;
        this.connectedAt = Instant.now();
    }

    public UUID projectId() {
        return projectId;
    }

    public String repository() {
        return repository;
    }

    public String defaultBranch() {
        return defaultBranch;
    }

    public String sealedToken() {
        return sealedToken;
    }

    public Instant connectedAt() {
        return connectedAt;
    }
}
