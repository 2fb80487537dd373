package io.switchboard.workspace.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.workspace.api.CommitPage;
import io.switchboard.workspace.api.DiffPart;
import io.switchboard.workspace.api.MergeRequest;
import io.switchboard.workspace.api.MergeResult;
import io.switchboard.workspace.api.RestoreResult;
import io.switchboard.workspace.api.WorkspaceComparison;
import io.switchboard.workspace.git.ChatBranches;
import io.switchboard.workspace.git.ChatDiffs;
import io.switchboard.workspace.git.ChatHistory;
import io.switchboard.workspace.git.Checkpoints;
import io.switchboard.workspace.git.LocalMerges;
import io.switchboard.workspace.repository.Workspace;

/** A chat's commits since it left the default branch, and going back to one of them. */
@ApplicationScoped
public class WorkspaceHistory {

    private final ChatGit chats;
    private final WorkspaceQueries queries;
    private final ChatHistory history;
    private final ChatDiffs diffs;
    private final ChatBranches branches;
    private final Checkpoints checkpoints;
    private final LocalMerges merges;
    private final WorkspaceStore store;
    private final ConflictRadarRefresh radar;

    public WorkspaceHistory(ChatGit chats, WorkspaceQueries queries, ChatHistory history, ChatDiffs diffs,
            ChatBranches branches, Checkpoints checkpoints, LocalMerges merges, WorkspaceStore store,
            ConflictRadarRefresh radar) {
        this.radar = radar;
        this.chats = chats;
        this.queries = queries;
        this.history = history;
        this.diffs = diffs;
        this.branches = branches;
        this.checkpoints = checkpoints;
        this.merges = merges;
        this.store = store;
    }

    public Uni<CommitPage> commits(UUID chatId, Caller caller, String after, Integer limit) {
        return chats.inWorkspace(chatId, caller, workspace ->
                history.page(workspace.projectId(), workspace.branch(), after, limit));
    }

    /** How the other chat's branch differs from this chat's; both the caller's, in one project. */
    public Uni<WorkspaceComparison> compare(UUID chatId, UUID otherChatId, Caller caller) {
        return queries.usable(otherChatId, caller).chain(other -> chats.inWorkspace(chatId, caller, workspace -> {
            if (!workspace.projectId().equals(other.projectId())) {
                throw ProblemException.conflict("Only chats of one project can be compared");
            }
            DiffPart diff = diffs.between(workspace.projectId(), workspace.branch(), other.branch());
            return new WorkspaceComparison(chatId.toString(), workspace.branch(), diff.base(),
                    otherChatId.toString(), other.branch(), branches.head(workspace.projectId(), other.branch())
                            .orElse(null), diff);
        }));
    }

    /** Merges the chat's committed work into the project's default branch (see LocalMerges). */
    public Uni<MergeResult> merge(UUID chatId, Caller caller, MergeRequest request) {
        return chats.inWorkspace(chatId, caller, workspace -> {
            MergeResult result = merges.merge(workspace.projectId(), workspace.branch(), request.strategy(),
                    request.dryRun());
            if (!result.dryRun() && "merged".equals(result.outcome())) {
                // The default branch moved: every chat's merge-base may have too.
                radar.request(workspace.projectId(), workspace.tenantId());
                Log.infof("chatId=%s merged %s into %s as %s%s", chatId, workspace.branch(), result.defaultBranch(),
                        result.commit(), result.fastForward() ? " (fast-forward)" : "");
            }
            return result;
        });
    }

    /** Brings back an earlier commit's files as a new commit and announces it with {@code Reverted}. */
    public Uni<RestoreResult> restore(UUID chatId, Caller caller, String commit) {
        if (commit == null) {
            throw ProblemException.badRequest("commit is required");
        }
        return chats.changeRepository(chatId, caller,
                (workspace, repository) -> checkpoints.restore(workspace.projectId(), chatId, repository, commit),
                this::record);
    }

    private Uni<RestoreResult> record(Workspace workspace, Checkpoints.Restore outcome) {
        RestoreResult result = new RestoreResult(outcome.restored(), workspace.branch(), outcome.commit(),
                outcome.restoredFrom(), outcome.files());
        if (!outcome.restored()) {
            Log.infof("chatId=%s restore of %s: the branch already has its files", workspace.chatId(),
                    outcome.restoredFrom());
            return Uni.createFrom().item(result);
        }
        return store.recordReverted(workspace.chatId(), workspace.tenantId(), outcome.commit(), outcome.restoredFrom())
                .invoke(() -> radar.request(workspace.projectId(), workspace.tenantId()))
                .invoke(() -> Log.infof("chatId=%s restored %s as %s on %s (%d files)", workspace.chatId(),
                        outcome.restoredFrom(), outcome.commit(), workspace.branch(), outcome.files()))
                .replaceWith(result);
    }
}
