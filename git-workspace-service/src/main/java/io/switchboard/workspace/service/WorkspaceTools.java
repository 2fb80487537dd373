package io.switchboard.workspace.service;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Repository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.TextRules;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.workspace.api.CommitResult;
import io.switchboard.workspace.api.FileContent;
import io.switchboard.workspace.api.FileListing;
import io.switchboard.workspace.api.FileWritten;
import io.switchboard.workspace.api.SearchResult;
import io.switchboard.workspace.api.WorkspaceDiff;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.switchboard.workspace.files.ChatFiles;
import io.switchboard.workspace.files.ChatSearch;
import io.switchboard.workspace.files.FileProblems;
import io.switchboard.workspace.files.SearchQuery;
import io.switchboard.workspace.git.ChatDiffs;
import io.switchboard.workspace.git.GitFailure;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.TurnCommit;
import io.switchboard.workspace.git.TurnCommits;
import io.switchboard.workspace.git.WorkingDirectories;
import io.switchboard.workspace.repository.Workspace;

/**
 * What an agent does in a chat's working directory: list, read, write, search, diff and commit. Each
 * operation checks the caller owns the chat, materialises the directory on first use, and runs after
 * the chat's previous operation finished.
 */
@ApplicationScoped
public class WorkspaceTools {

    private final WorkspaceQueries queries;
    private final ChatSequencer sequencer;
    private final GitWorker git;
    private final WorkingDirectories directories;
    private final ChatFiles files;
    private final ChatSearch search;
    private final ChatDiffs diffs;
    private final TurnCommits commits;
    private final WorkspaceStore store;
    private final WorkspaceConfig config;

    public WorkspaceTools(WorkspaceQueries queries, ChatSequencer sequencer, GitWorker git,
            WorkingDirectories directories, ChatFiles files, ChatSearch search, ChatDiffs diffs, TurnCommits commits,
            WorkspaceStore store, WorkspaceConfig config) {
        this.queries = queries;
        this.sequencer = sequencer;
        this.git = git;
        this.directories = directories;
        this.files = files;
        this.search = search;
        this.diffs = diffs;
        this.commits = commits;
        this.store = store;
        this.config = config;
    }

    public Uni<FileListing> list(UUID chatId, Caller caller, String path, boolean recursive, Integer limit) {
        return inDirectory(chatId, caller, root -> files.list(root, path, recursive, limit));
    }

    public Uni<FileContent> read(UUID chatId, Caller caller, String path, Integer fromLine, Integer maxLines) {
        return inDirectory(chatId, caller, root -> files.read(root, path, fromLine, maxLines));
    }

    public Uni<FileWritten> write(UUID chatId, Caller caller, String path, String content) {
        return inDirectory(chatId, caller, root -> {
            FileWritten written = files.write(root, path, content);
            Log.infof("Chat %s: wrote %s (%d bytes)", chatId, written.path(), written.size());
            return written;
        });
    }

    public Uni<SearchResult> search(UUID chatId, Caller caller, SearchQuery query) {
        return inDirectory(chatId, caller, root -> search.search(root, query));
    }

    public Uni<WorkspaceDiff> diff(UUID chatId, Caller caller, boolean againstDefault) {
        return inRepository(chatId, caller, (workspace, repository) ->
                diffs.diff(workspace.projectId(), repository, workspace.branch(), againstDefault));
    }

    /**
     * Commits the working directory on the chat's branch and announces it with {@code Committed},
     * keyed by the chat and carrying the turn. An unchanged directory is a normal answer.
     */
    public Uni<CommitResult> commit(UUID chatId, Caller caller, String message, UUID turnId) {
        String text = validMessage(message);
        return queries.usable(chatId, caller).chain(workspace -> sequencer.serially(chatId, () ->
                onDisk(workspace, () -> {
                    try (Repository repository = directories.open(workspace.projectId(), chatId,
                            workspace.branch())) {
                        return commits.commit(workspace.projectId(), chatId, repository, text, turnId);
                    }
                })
                .chain(outcome -> record(workspace, turnId, text, outcome))));
    }

    private Uni<CommitResult> record(Workspace workspace, UUID turnId, String message, TurnCommit outcome) {
        UUID chatId = workspace.chatId();
        CommitResult view = new CommitResult(outcome.committed(), workspace.branch(), outcome.commit(), outcome.files(),
                outcome.replayed());
        if (!outcome.committed()) {
            Log.infof("Chat %s: nothing to commit (turn %s)", chatId, turnId);
            return Uni.createFrom().item(view);
        }
        // A replayed commit is recorded too: the earlier request may have died between git and the database.
        return store.recordCommitted(chatId, workspace.tenantId(), turnId, outcome.commit(), message)
                .invoke(recorded -> Log.infof("Chat %s: committed %s on %s (%d files, turn %s%s)", chatId,
                        outcome.commit(), workspace.branch(), outcome.files(), turnId,
                        outcome.replayed() ? ", repeated request" : ""))
                .replaceWith(view);
    }

    private String validMessage(String message) {
        if (message == null || message.isBlank()) {
            throw ProblemException.badRequest("message is required");
        }
        // A commit message ends up in every clone, log viewer and terminal: clean text only, as for names.
        FileProblems.requireCleanText("message", message);
        if (TextRules.codePoints(message) > config.files().maxCommitMessageLength()) {
            throw FileProblems.invalidText("message", "is longer than " + config.files().maxCommitMessageLength()
                    + " characters");
        }
        return message.strip();
    }

    private <T> Uni<T> inDirectory(UUID chatId, Caller caller, Function<Path, T> work) {
        return queries.usable(chatId, caller).chain(workspace -> sequencer.serially(chatId, () ->
                onDisk(workspace, () -> work.apply(
                        directories.ensure(workspace.projectId(), chatId, workspace.branch())))));
    }

    private <T> Uni<T> inRepository(UUID chatId, Caller caller, RepositoryWork<T> work) {
        return queries.usable(chatId, caller).chain(workspace -> sequencer.serially(chatId, () ->
                onDisk(workspace, () -> {
                    try (Repository repository = directories.open(workspace.projectId(), chatId,
                            workspace.branch())) {
                        return work.apply(workspace, repository);
                    }
                })));
    }

    private <T> Uni<T> onDisk(Workspace workspace, Supplier<T> work) {
        return git.run(work).onFailure(GitFailure.class).transform(failure -> {
            Log.warnf("Chat %s: workspace operation refused: %s", workspace.chatId(), failure.getMessage());
            return ProblemException.conflict(failure.getMessage());
        });
    }

    @FunctionalInterface
    private interface RepositoryWork<T> {
        T apply(Workspace workspace, Repository repository);
    }
}
