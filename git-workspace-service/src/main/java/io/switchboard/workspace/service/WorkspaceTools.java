package io.switchboard.workspace.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
import io.switchboard.workspace.git.TurnCommit;
import io.switchboard.workspace.git.TurnCommits;
import io.switchboard.workspace.repository.Workspace;

/**
 * What an agent does in a chat's working directory: list, read, write, search, diff and commit. Each
 * operation checks the caller owns the chat, materialises the directory on first use, and runs after
 * the chat's previous operation finished.
 */
@ApplicationScoped
public class WorkspaceTools {

    private final ChatGit chats;
    private final ChatFiles files;
    private final ChatSearch search;
    private final ChatDiffs diffs;
    private final TurnCommits commits;
    private final WorkspaceStore store;
    private final WorkspaceConfig config;
    private final ConflictRadarRefresh radar;
    private final TenantQuota quota;

    public WorkspaceTools(ChatGit chats, ChatFiles files, ChatSearch search, ChatDiffs diffs, TurnCommits commits,
            WorkspaceStore store, WorkspaceConfig config, ConflictRadarRefresh radar, TenantQuota quota) {
        this.radar = radar;
        this.quota = quota;
        this.chats = chats;
        this.files = files;
        this.search = search;
        this.diffs = diffs;
        this.commits = commits;
        this.store = store;
        this.config = config;
    }

    public Uni<FileListing> list(UUID chatId, Caller caller, String path, boolean recursive, Integer limit) {
        return chats.inDirectory(chatId, caller, root -> files.list(root, path, recursive, limit));
    }

    public Uni<FileContent> read(UUID chatId, Caller caller, String path, Integer fromLine, Integer maxLines) {
        return chats.inDirectory(chatId, caller, root -> files.read(root, path, fromLine, maxLines));
    }

    public Uni<FileWritten> write(UUID chatId, Caller caller, String path, String content) {
        long bytes = content == null ? 0 : content.getBytes(StandardCharsets.UTF_8).length;
        return quota.require(caller.tenantId(), bytes).chain(() -> chats.inDirectory(chatId, caller, root -> {
            FileWritten written = files.write(root, path, content);
            Log.infof("Chat %s: wrote %s (%d bytes)", chatId, written.path(), written.size());
            return written;
        })).invoke(written -> quota.added(caller.tenantId(), written.size()));
    }

    public Uni<SearchResult> search(UUID chatId, Caller caller, SearchQuery query) {
        return chats.inDirectory(chatId, caller, root -> search.search(root, query));
    }

    public Uni<WorkspaceDiff> diff(UUID chatId, Caller caller, boolean againstDefault) {
        return chats.inRepository(chatId, caller, (workspace, repository) ->
                diffs.diff(workspace.projectId(), repository, workspace.branch(), againstDefault));
    }

    /**
     * Commits the working directory on the chat's branch and announces it with {@code Committed},
     * keyed by the chat and carrying the turn. An unchanged directory is a normal answer.
     */
    public Uni<CommitResult> commit(UUID chatId, Caller caller, String message, UUID turnId) {
        String text = validMessage(message);
        return chats.changeRepository(chatId, caller,
                (workspace, repository) -> commits.commit(workspace.projectId(), chatId, repository, text, turnId),
                (workspace, outcome) -> record(workspace, turnId, text, outcome));
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
                .invoke(() -> radar.request(workspace.projectId(), workspace.tenantId()))
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
}
