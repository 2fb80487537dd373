package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.quarkus.logging.Log;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Commits everything in a chat's working directory onto its branch, like {@code git add -A && git
 * commit}. The new commit and the branch move land in the project repository, so the ref update holds
 * the project's lock.
 */
@ApplicationScoped
public class TurnCommits {

    /** Trailer naming the turn a commit closes; lets a repeated request find the commit it already made. */
    public static final String TURN_TRAILER = "Switchboard-Turn: ";

    private final RepositoryLocks locks;
    private final WorkspaceConfig config;

    public TurnCommits(RepositoryLocks locks, WorkspaceConfig config) {
        this.locks = locks;
        this.config = config;
    }

    public TurnCommit commit(UUID projectId, UUID chatId, Repository chat, String message, UUID turnId) {
        try (Git git = new Git(chat)) {
            git.add().addFilepattern(".").setAll(true).call();
            List<DiffEntry> staged = git.diff().setCached(true).setShowNameAndStatusOnly(true).call();
            if (staged.isEmpty()) {
                return nothingStaged(chat, turnId);
            }
            String fullMessage = turnId == null ? message : message.strip() + "\n\n" + TURN_TRAILER + turnId + "\n";
            PersonIdent identity = new PersonIdent(config.committer().name(), config.committer().email());
            RevCommit commit = locks.withLock(projectId, () -> {
                try {
                    // No hooks: a repository imported with hooks must not run code on this server.
                    return git.commit().setMessage(fullMessage).setAuthor(identity).setCommitter(identity)
                            .setNoVerify(true).setSign(false).call();
                } catch (GitAPIException e) {
                    throw failure(chatId, e);
                }
            });
            return new TurnCommit(true, commit.name(), staged.size(), false);
        } catch (GitAPIException | JGitInternalException e) {
            // JGitInternalException: what AddCommand makes of an IOException, such as an index.lock it cannot take.
            throw failure(chatId, e);
        }
    }

    // JGit's messages may name server paths: the log gets them, the caller a plain reason.
    private static GitFailure failure(UUID chatId, Exception e) {
        Log.errorf(e, "Chat %s: commit in the working directory failed", chatId);
        return new GitFailure("the changes could not be committed; the service log has the details", e);
    }

    private static TurnCommit nothingStaged(Repository chat, UUID turnId) {
        try (RevWalk walk = new RevWalk(chat)) {
            ObjectId headId = chat.resolve(Constants.HEAD);
            RevCommit head = walk.parseCommit(headId);
            boolean sameTurn = turnId != null && head.getFullMessage().contains(TURN_TRAILER + turnId);
            return new TurnCommit(sameTurn, head.name(), 0, sameTurn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
