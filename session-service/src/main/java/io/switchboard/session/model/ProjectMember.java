package io.switchboard.session.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One user's membership of one project. */
@Entity
@Table(name = "project_member")
@IdClass(ProjectMember.Key.class)
public class ProjectMember {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectRole role;

    @Column(name = "added_by", nullable = false)
    public String addedBy;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    /** The primary key: one row per project and user. */
    public static class Key implements Serializable {

        public UUID projectId;
        public String userId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(projectId, key.projectId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, userId);
        }
    }
}
