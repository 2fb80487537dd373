package io.switchboard.workspace.service;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Repository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.workspace.git.GitFailure;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.RepositoryLocks;
import io.switchboard.workspace.git.WorkingDirectories;
import io.switchboard.workspace.repository.Workspace;

/**
 * Git work for a caller's chat: the caller must own a usable workspace; the work runs on the git worker after the
 * chat's previous operation finished, with its working directory materialised; a {@link GitFailure} becomes a 409
 * problem that names the reason.
 */
@ApplicationScoped
public class ChatGit {

    private final WorkspaceQueries queries;
    private final ChatSequencer sequencer;
    private final GitWorker git;
    private final WorkingDirectories directories;
    private final RepositoryLocks locks;

    public ChatGit(WorkspaceQueries queries, ChatSequencer sequencer, GitWorker git,
            WorkingDirectories directories, RepositoryLocks locks) {
        this.queries = queries;
        this.sequencer = sequencer;
        this.git = git;
        this.directories = directories;
        this.locks = locks;
    }

    /** Work on the files of the chat's working directory. */
    public <T> Uni<T> inDirectory(UUID chatId, Caller caller, Function<Path, T> work) {
        return queries.usable(chatId, caller).chain(workspace -> sequencer.serially(chatId, () ->
                onDisk(workspace, () -> work.apply(
                        directories.ensure(workspace.projectId(), chatId, workspace.branch())))));
    }

    /** Git work about the chat that needs no working directory, such as on the project's repository. */
    public <T> Uni<T> inWorkspace(UUID chatId, Caller caller, Function<Workspace, T> work) {
        return queries.usable(chatId, caller).chain(workspace -> sequencer.serially(chatId, () ->
                onDisk(workspace, () -> work.apply(workspace))));
    }

    /** Work on the chat's repository (its working directory as a git repository). */
    public <T> Uni<T> inRepository(UUID chatId, Caller caller, RepositoryWork<T> work) {
        return changeRepository(chatId, caller, work, (workspace, result) -> Uni.createFrom().item(result));
    }

    /**
     * Work that changes the chat's branch, then {@code record} of its outcome (in the database, say), still before
     * the chat's next operation starts.
     */
    public <R, T> Uni<T> changeRepository(UUID chatId, Caller caller, RepositoryWork<R> work,
            BiFunction<Workspace, R, Uni<T>> record) {
        return queries.usable(chatId, caller).chain(workspace -> sequencer.serially(chatId, () ->
                onDisk(workspace, () -> {
                    try (Repository repository = directories.open(workspace.projectId(), chatId,
                            workspace.branch())) {
                        return work.apply(workspace, repository);
                    }
                }).chain(result -> record.apply(workspace, result))));
    }

    /** Runs on the git worker holding the chat's lock, which other replicas of this service respect too. */
    private <T> Uni<T> onDisk(Workspace workspace, Supplier<T> work) {
        return git.run(() -> locks.withChatLock(workspace.chatId(), work)).onFailure(GitFailure.class)
                .transform(failure -> {
                    Log.warnf("chatId=%s workspace operation refused: %s", workspace.chatId(), failure.getMessage());
                    return ProblemException.conflict(failure.getMessage());
                });
    }

    /** Git work on a chat's repository, which the caller opens and closes around it. */
    @FunctionalInterface
    public interface RepositoryWork<T> {
        T apply(Workspace workspace, Repository repository);
    }
}
