package io.switchboard.workspace.service;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Repository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.ChatIds;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.git.BranchHead;
import io.switchboard.workspace.git.BranchNames;
import io.switchboard.workspace.git.ChatBranches;
import io.switchboard.workspace.git.GitFailure;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.RepositoryLocks;
import io.switchboard.workspace.git.TurnCommit;
import io.switchboard.workspace.git.TurnCommits;
import io.switchboard.workspace.git.WorkingDirectories;
import io.switchboard.workspace.repository.Project;
import io.switchboard.workspace.repository.Workspace;
import io.switchboard.workspace.repository.WorkspaceStatus;

/**
 * What happens to a chat's workspace when its chat is created, forked or deleted. Every change is
 * announced through the outbox in its own transaction, which service-kit's relay publishes after commit; a
 * redelivered event finds the chat handled and never makes a second branch or a second seq.
 */
@ApplicationScoped
public class WorkspaceLifecycle {

    private final WorkspaceStore store;
    private final ChatBranches branches;
    private final GitWorker git;
    private final WorkingDirectories directories;
    private final ChatSequencer sequencer;
    private final TurnCommits commits;
    private final RepositoryLocks locks;
    private final BranchNames names;
    private final ConflictRadarRefresh radar;
    private final PullRequests pullRequests;

    public WorkspaceLifecycle(WorkspaceStore store, ChatBranches branches, GitWorker git,
            WorkingDirectories directories, ChatSequencer sequencer, TurnCommits commits, RepositoryLocks locks,
            BranchNames names, ConflictRadarRefresh radar, PullRequests pullRequests) {
        this.radar = radar;
        this.pullRequests = pullRequests;
        this.store = store;
        this.branches = branches;
        this.names = names;
        this.git = git;
        this.directories = directories;
        this.sequencer = sequencer;
        this.commits = commits;
        this.locks = locks;
    }

    public Uni<Void> chatCreated(Envelope event, ChatCreated created) {
        UUID projectId = created.projectId();
        String fromBranch = created.fromBranch();
        String branch = names.forChat(event.chatId(), created.title());
        if (created.fromPullRequest() != null) {
            return unlessKnown(event, () -> withProject(event, projectId,
                    () -> fromPullRequest(event, projectId, branch, created.fromPullRequest())));
        }
        return unlessKnown(event, () -> withProject(event, projectId, () -> branchFor(event, projectId,
                () -> fromBranch == null
                        ? branches.createFromDefaultBranch(projectId, event.chatId(), branch)
                        : branches.createFromBranch(projectId, event.chatId(), branch, fromBranch))));
    }

    /**
     * At the head of an open pull request on the project's GitHub repository, fetched first. What GitHub or the
     * project refuses (no GitHub repository, a closed pull request, a token GitHub no longer takes, GitHub down) makes
     * the workspace fail with the reason: the user creates the chat again once it is mended.
     */
    private Uni<Void> fromPullRequest(Envelope event, UUID projectId, String branch, int number) {
        return pullRequests.fetchHead(projectId, event.tenantId(), number)
                .chain(commit -> branchFor(event, projectId,
                        () -> branches.createFromCommit(projectId, event.chatId(), branch, commit)))
                .onFailure(failure -> failure instanceof ProblemException || failure instanceof GitFailure)
                .recoverWithUni(failure -> fail(event, projectId,
                        "cannot start from pull request #" + number + ": " + failure.getMessage()));
    }

    public Uni<Void> chatForked(Envelope event, ChatForked forked) {
        UUID projectId = forked.projectId();
        return unlessKnown(event, () -> withProject(event, projectId, () -> {
            if (forked.fromCommit() != null && !forked.fromCommit().isBlank()) {
                return branchFor(event, projectId, () -> branches.createFromCommit(projectId, event.chatId(),
                        names.forChat(event.chatId(), forked.title()), forked.fromCommit()));
            }
            return forkFromSource(event, projectId, forked);
        }));
    }

    /**
     * An archived chat gives its working directory's disk back and keeps its branch. Changes left uncommitted are
     * committed first, so archiving loses nothing; the directory is checked out again on the chat's next use, after
     * it is restored. A working directory that cannot be committed is left where it is. When the project asks for
     * it, the chat's open pull request is closed.
     */
    public Uni<Void> chatArchived(Envelope event) {
        UUID chatId = UUID.fromString(event.chatId());
        return store.find(chatId, event.tenantId()).chain(workspace -> {
            if (workspace == null || workspace.status() != WorkspaceStatus.READY) {
                return Uni.createFrom().voidItem();
            }
            return commitAndRemoveWorkingDirectory(workspace, "archived")
                    .invoke(() -> Log.infof("chatId=%s archived: branch %s kept", chatId, workspace.branch()))
                    .onFailure().recoverWithItem(failure -> {
                        Log.errorf(failure, "chatId=%s archived, but its working directory is left on disk", chatId);
                        return null;
                    })
                    .chain(() -> pullRequests.closeOnArchive(chatId, event.tenantId(), workspace.projectId()));
        });
    }

    /**
     * A deleted chat's working directory goes, and its branch too unless the project keeps deleted chats' branches;
     * then changes left uncommitted are committed first, as when archiving, so the kept branch has all the work.
     */
    public Uni<Void> chatDeleted(Envelope event, ChatDeleted deleted) {
        UUID chatId = UUID.fromString(event.chatId());
        // Another tenant's workspace is not found: a ChatDeleted naming the wrong tenant removes nothing.
        return store.find(chatId, event.tenantId()).chain(workspace -> {
            if (workspace == null) {
                Log.infof("Chat %s deleted; tenant %s has no workspace for it, nothing to remove", chatId,
                        event.tenantId());
                return Uni.createFrom().voidItem();
            }
            if (workspace.status() == WorkspaceStatus.REMOVED) {
                Log.infof("Chat %s: workspace already removed", chatId);
                return Uni.createFrom().voidItem();
            }
            Uni<Boolean> keep = workspace.projectId() == null || workspace.status() != WorkspaceStatus.READY
                    ? Uni.createFrom().item(false)
                    : store.keepsBranchesOnDelete(workspace.projectId(), workspace.tenantId());
            return keep.chain(keepBranch -> (keepBranch
                            ? keepWorkThenRemoveWorkingDirectory(workspace)
                            : deleteBranch(workspace).chain(() -> removeWorkingDirectory(workspace)))
                    .chain(() -> store.recordRemoved(chatId, event.tenantId(), keepBranch))
                    .invoke(() -> radar.request(workspace.projectId(), workspace.tenantId()))
                    .invoke(() -> Log.infof("Chat %s: workspace removed, branch %s %s", chatId, workspace.branch(),
                            keepBranch ? "kept" : "deleted")))
                    .replaceWithVoid();
        });
    }

    /**
     * Announces WorkspaceFailed for a chat whose ChatCreated or ChatForked could not be applied and was set
     * aside. A chat that has a workspace row after all (the failure came after it was recorded) keeps it.
     */
    public Uni<Void> givenUp(Envelope event, UUID projectId, String reason) {
        UUID chatId = UUID.fromString(event.chatId());
        return store.find(chatId, event.tenantId()).chain(existing -> {
            if (existing != null) {
                Log.warnf("chatId=%s %s set aside, but the chat has a workspace (%s); it is left as it is", chatId,
                        event.type(), existing.status());
                return Uni.createFrom().voidItem();
            }
            return fail(event, projectId, reason);
        });
    }

    // A chat that already has a row was handled before: redelivery, or a replay of the topic.
    private Uni<Void> unlessKnown(Envelope event, Supplier<Uni<Void>> provision) {
        UUID chatId = UUID.fromString(event.chatId());
        return store.find(chatId, event.tenantId()).chain(existing -> {
            if (existing != null) {
                Log.infof("Chat %s already has a workspace (%s, seq %d); %s not applied again",
                        chatId, existing.status(), existing.lastSeq(), event.type());
                return Uni.createFrom().voidItem();
            }
            return provision.get();
        });
    }

    private Uni<Void> withProject(Envelope event, UUID projectId, Supplier<Uni<Void>> provision) {
        if (projectId == null) {
            return fail(event, null, "the " + event.type() + " event names no project");
        }
        return store.claimProject(projectId, event.tenantId()).chain((Project project) -> {
            if (project == null || !project.ownedBy(event.tenantId())) {
                Log.warnf("Chat %s: project %s belongs to another tenant than %s", event.chatId(), projectId,
                        event.tenantId());
                return fail(event, projectId, "project " + projectId + " is not available to this chat's tenant");
            }
            return provision.get();
        });
    }

    /** At the commit the source's turn made when the fork names one, else at the source's head. */
    private Uni<Void> forkFromSource(Envelope event, UUID projectId, ChatForked forked) {
        String sourceChatId = forked.sourceChatId();
        if (!ChatIds.isValid(sourceChatId)) {
            return fail(event, projectId, "the fork names no valid source chat");
        }
        return store.find(UUID.fromString(sourceChatId), event.tenantId()).chain((Workspace source) -> {
            if (source == null || !source.tenantId().equals(event.tenantId())
                    || !projectId.equals(source.projectId()) || source.status() != WorkspaceStatus.READY) {
                return fail(event, projectId,
                        "source chat " + sourceChatId + " has no workspace in project " + projectId + " to fork from");
            }
            return branchFor(event, projectId, () -> branches.createFromChat(projectId, event.chatId(),
                    names.forChat(event.chatId(), forked.title()), sourceChatId, source.branch(),
                    forked.sourceTurnId()));
        });
    }

    private Uni<Void> branchFor(Envelope event, UUID projectId, Supplier<BranchHead> create) {
        // Only git's own failures become WorkspaceFailed; a database failure propagates and is retried.
        return git.run(create)
                .map(BranchAttempt::succeeded)
                .onFailure().recoverWithItem(BranchAttempt::failed)
                .chain(attempt -> {
                    if (attempt.head() == null) {
                        return fail(event, projectId, reasonFor(event, attempt.failure()));
                    }
                    return store.recordReady(event, projectId, attempt.head())
                            .invoke(() -> radar.request(projectId, event.tenantId()))
                            .invoke(() -> Log.infof("Chat %s: branch %s ready at %s in project %s", event.chatId(),
                                    attempt.head().branch(), attempt.head().commit(), projectId))
                            .replaceWithVoid();
                });
    }

    private Uni<Void> fail(Envelope event, UUID projectId, String reason) {
        Log.warnf("Chat %s: workspace failed: %s", event.chatId(), reason);
        return store.recordFailed(event, projectId, branchNameOrPlaceholder(event), reason).replaceWithVoid();
    }

    /**
     * Commits what the chat's working directory has uncommitted (announced as {@code Committed}), then removes the
     * directory; a chat whose directory was never checked out has nothing to do.
     */
    private Uni<TurnCommit> commitAndRemoveWorkingDirectory(Workspace workspace, String why) {
        UUID chatId = workspace.chatId();
        if (!directories.isMaterialised(workspace.projectId(), chatId)) {
            return Uni.createFrom().item(new TurnCommit(false, workspace.headCommit(), 0, false));
        }
        String message = "Changes left uncommitted when the chat was " + why;
        return sequencer.serially(chatId, () -> git.run(() -> locks.withChatLock(chatId, () -> {
            TurnCommit kept;
            try (Repository repository = directories.open(workspace.projectId(), chatId, workspace.branch())) {
                kept = commits.commit(workspace.projectId(), chatId, repository, message, null);
            }
            directories.remove(workspace.projectId(), chatId);
            return kept;
        })).chain(kept -> kept.committed()
                ? store.recordCommitted(chatId, workspace.tenantId(), null, kept.commit(), message)
                        .invoke(() -> radar.request(workspace.projectId(), workspace.tenantId())).replaceWith(kept)
                : Uni.createFrom().item(kept)))
                .invoke(kept -> {
                    if (kept.committed()) {
                        Log.infof("chatId=%s %s: uncommitted changes committed as %s, working directory removed",
                                chatId, why, kept.commit());
                    }
                });
    }

    // A deletion must not wait on a directory that cannot be committed: the work then stays on disk, logged.
    private Uni<Void> keepWorkThenRemoveWorkingDirectory(Workspace workspace) {
        return commitAndRemoveWorkingDirectory(workspace, "deleted").replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.errorf(failure, "chatId=%s deleted, but its uncommitted work could not be committed; its"
                            + " working directory is left on disk", workspace.chatId());
                    return null;
                });
    }

    // Queued after the chat's pending tool operations; with the branch gone, no later one can recreate it.
    private Uni<Void> removeWorkingDirectory(Workspace workspace) {
        return sequencer.serially(workspace.chatId(), () -> git.run(() -> {
            directories.remove(workspace.projectId(), workspace.chatId());
            return null;
        })).onFailure().recoverWithItem(failure -> {
            Log.errorf(failure, "Chat %s: could not remove the working directory; it is left on disk",
                    workspace.chatId());
            return null;
        }).replaceWithVoid();
    }

    private Uni<Void> deleteBranch(Workspace workspace) {
        if (workspace.projectId() == null) {
            return Uni.createFrom().voidItem();
        }
        return git.run(() -> branches.delete(workspace.projectId(), workspace.branch()))
                .onFailure().recoverWithItem(failure -> {
                    // The chat is gone either way; a stray ref costs nothing and must not block the deletion.
                    Log.errorf(failure, "Chat %s: could not delete branch %s; marking the workspace removed anyway",
                            workspace.chatId(), workspace.branch());
                    return false;
                })
                .replaceWithVoid();
    }

    // The branch the chat would have had; only a name, nothing is cut.
    private String branchNameOrPlaceholder(Envelope event) {
        String title = null;
        if (event.payload() instanceof ChatCreated created) {
            title = created.title();
        } else if (event.payload() instanceof ChatForked forked) {
            title = forked.title();
        }
        try {
            return names.forChat(event.chatId(), title);
        } catch (GitFailure e) {
            return event.chatId();
        }
    }

    private static String reasonFor(Envelope event, Throwable failure) {
        if (failure instanceof GitFailure known) {
            return known.getMessage();
        }
        // Unexpected failures may name server paths: the log gets the details, the event a plain reason.
        Log.errorf(failure, "Chat %s: git failed while preparing the workspace", event.chatId());
        return "the project repository could not be prepared; the service log has the details";
    }

    private record BranchAttempt(BranchHead head, Throwable failure) {

        static BranchAttempt succeeded(BranchHead head) {
            return new BranchAttempt(head, null);
        }

        static BranchAttempt failed(Throwable failure) {
            return new BranchAttempt(null, failure);
        }
    }
}
