package io.switchboard.workspace.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PullRequestRepository implements PanacheRepositoryBase<PullRequest, UUID> {
}
