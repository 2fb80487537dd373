package io.switchboard.workspace.git;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs blocking JGit work on a worker thread and hands the result back on the caller's Vert.x
 * context, where the reactive database session of the same message or request lives.
 */
@ApplicationScoped
public class GitWorker {

    private final Vertx vertx;

    public GitWorker(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<T> work) {
        // Unordered: different projects must not queue behind each other; RepositoryLocks orders one project.
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
