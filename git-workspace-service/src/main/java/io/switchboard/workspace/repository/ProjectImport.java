package io.switchboard.workspace.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.switchboard.events.workspace.RepositoryImport;

/** The latest import of an existing repository into a project. Never holds the access token. */
@Entity
@Table(name = "repository_import")
public class ProjectImport {

    public static final String URL = "url";
    public static final String PATH = "path";

    @Id
    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "source", nullable = false)
    private String source;

    @Column(name = "source_kind", nullable = false)
    private String sourceKind = URL;

    @Column(name = "branch")
    private String branch;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "phase")
    private String phase;

    @Column(name = "percent")
    private Integer percent;

    @Column(name = "reason")
    private String reason;

    @Column(name = "default_branch")
    private String defaultBranch;

    @Column(name = "head_commit")
    private String headCommit;

    @Column(name = "attempt", nullable = false)
    private long attempt;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProjectImport() {
    }

    public ProjectImport(UUID projectId, String tenantId) {
        this.projectId = projectId;
        this.tenantId = tenantId;
    }

    /** Starts (again): a new attempt, cloning from the source. */
    public long start(String source, boolean local, String branch) {
        this.source = source;
        this.sourceKind = local ? PATH : URL;
        this.branch = branch;
        this.state = RepositoryImport.CLONING;
        this.phase = null;
        this.percent = null;
        this.reason = null;
        this.defaultBranch = null;
        this.headCommit = null;
        this.startedAt = Instant.now();
        this.updatedAt = startedAt;
        return ++attempt;
    }

    public void progressed(String phase, Integer percent) {
        this.phase = phase;
        this.percent = percent;
        this.updatedAt = Instant.now();
    }

    public void imported(String defaultBranch, String headCommit) {
        this.state = RepositoryImport.IMPORTED;
        this.defaultBranch = defaultBranch;
        this.headCommit = headCommit;
        this.phase = null;
        this.percent = 100;
        this.updatedAt = Instant.now();
    }

    public void failed(String reason) {
        this.state = RepositoryImport.FAILED;
        this.reason = reason;
        this.updatedAt = Instant.now();
    }

    public UUID projectId() {
        return projectId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String source() {
        return source;
    }

    /** Whether the source is a local path rather than a remote URL. */
    public boolean fromLocalPath() {
        return PATH.equals(sourceKind);
    }

    public String branch() {
        return branch;
    }

    public String state() {
        return state;
    }

    public String phase() {
        return phase;
    }

    public Integer percent() {
        return percent;
    }

    public String reason() {
        return reason;
    }

    public String defaultBranch() {
        return defaultBranch;
    }

    public String headCommit() {
        return headCommit;
    }

    public long attempt() {
        return attempt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
