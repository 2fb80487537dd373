package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A project this service keeps a repository for, and the tenant that owns it: the first tenant to
 * use a project id claims it, so a chat of another tenant can never get a branch in it.
 */
@Entity
@Table(name = "project")
public class Project {

    @Id
    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "keep_branches_on_delete", nullable = false)
    private boolean keepBranchesOnDelete;

    @Column(name = "close_pull_requests_on_archive", nullable = false)
    private boolean closePullRequestsOnArchive;

    protected Project() {
    }

    public Project(UUID projectId, String tenantId) {
        this.projectId = projectId;
        this.tenantId = tenantId;
        this.createdAt = Instant.now();
    }

    public UUID projectId() {
        return projectId;
    }

    public String tenantId() {
        return tenantId;
    }

    /** Whether a deleted chat's branch stays in the repository. */
    public boolean keepsBranchesOnDelete() {
        return keepBranchesOnDelete;
    }

    public void keepBranchesOnDelete(boolean keep) {
        this.keepBranchesOnDelete = keep;
    }

    /** Whether archiving a chat closes its open pull request. */
    public boolean closesPullRequestsOnArchive() {
        return closePullRequestsOnArchive;
    }

    public void closePullRequestsOnArchive(boolean close) {
        this.closePullRequestsOnArchive = close;
    }

    public boolean ownedBy(String tenant) {
        return tenantId.equals(tenant);
    }
}
