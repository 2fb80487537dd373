package io.switchboard.workspace.git;

import java.io.IOException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

import io.quarkus.logging.Log;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Going back to an earlier commit of a chat's branch without losing anything: the files of that commit come back
 * as a new commit on top of the branch, like {@code git checkout <commit> -- . && git commit}, so every later
 * commit stays in the history and can be restored in turn.
 */
@ApplicationScoped
public class Checkpoints {

    /** Trailer naming the commit a restore brought back. */
    public static final String RESTORED_TRAILER = "Switchboard-Restored-From: ";

    private final RepositoryLocks locks;
    private final WorkspaceConfig config;

    public Checkpoints(RepositoryLocks locks, WorkspaceConfig config) {
        this.locks = locks;
        this.config = config;
    }

    /** What a restore did; {@code restored} is false when the branch already had those files. */
    public record Restore(boolean restored, String commit, String restoredFrom, int files) {
    }

    public Restore restore(UUID projectId, UUID chatId, Repository chat, String commitId) {
        ObjectId wanted = CommitIds.parse("commit", commitId);
        try (Git git = new Git(chat); RevWalk walk = new RevWalk(chat)) {
            RevCommit head = walk.parseCommit(chat.resolve(Constants.HEAD));
            RevCommit target = onBranch(walk, head, wanted, chatId);
            if (!git.status().call().isClean()) {
                throw new GitFailure("the chat's working directory has uncommitted changes; they would be lost");
            }
            if (target.getTree().equals(head.getTree())) {
                return new Restore(false, head.name(), target.name(), 0);
            }
            int files = git.diff().setOldTree(treeOf(chat, head)).setNewTree(treeOf(chat, target))
                    .setShowNameAndStatusOnly(true).call().size();
            // Index and files become the target's; HEAD stays, so the commit below has the branch head as parent.
            DirCacheCheckout checkout = new DirCacheCheckout(chat, head.getTree(), chat.lockDirCache(),
                    target.getTree());
            checkout.setFailOnConflict(true);
            checkout.checkout();
            String message = "Restore " + target.abbreviate(12).name() + ": " + target.getShortMessage() + "\n\n"
                    + RESTORED_TRAILER + target.name() + "\n";
            PersonIdent identity = new PersonIdent(config.committer().name(), config.committer().email());
            RevCommit made = locks.withLock(projectId, () -> {
                try {
                    return git.commit().setMessage(message).setAuthor(identity).setCommitter(identity)
                            .setNoVerify(true).setSign(false).call();
                } catch (GitAPIException e) {
                    throw failure(chatId, e);
                }
            });
            return new Restore(true, made.name(), target.name(), files);
        } catch (GitAPIException | JGitInternalException | IOException e) {
            throw failure(chatId, e);
        }
    }

    /** The commit, when the branch has it; another chat's or an unknown commit is not found, not a conflict. */
    private static RevCommit onBranch(RevWalk walk, RevCommit head, ObjectId wanted, UUID chatId)
            throws IOException {
        RevCommit target;
        try {
            target = walk.parseCommit(wanted);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw ProblemException.notFound("Commit of chat " + chatId, wanted.name());
        }
        if (!walk.isMergedInto(target, head)) {
            throw ProblemException.notFound("Commit of chat " + chatId, wanted.name());
        }
        return walk.parseCommit(wanted);
    }

    private static AbstractTreeIterator treeOf(Repository chat, RevCommit commit) throws IOException {
        CanonicalTreeParser parser = new CanonicalTreeParser();
        try (ObjectReader reader = chat.newObjectReader()) {
            parser.reset(reader, commit.getTree());
        }
        return parser;
    }

    // JGit's messages may name server paths: the log gets them, the caller a plain reason.
    private static GitFailure failure(UUID chatId, Exception e) {
        Log.errorf(e, "chatId=%s restoring a checkpoint failed", chatId);
        return new GitFailure("the checkpoint could not be restored; the service log has the details", e);
    }
}
