package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.RevWalkUtils;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.CommitPage;
import io.switchboard.workspace.api.CommitView;

/** What a chat's branch did since it left the project's default branch: its commits, newest first. */
@ApplicationScoped
public class ChatHistory {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final ProjectRepositories repositories;

    public ChatHistory(ProjectRepositories repositories) {
        this.repositories = repositories;
    }

    /** One page of the branch's own commits, after the commit {@code after} names (null: from the newest). */
    public CommitPage page(UUID projectId, String branch, String after, Integer limit) {
        int size = PageSizes.valid(limit, DEFAULT_LIMIT, MAX_LIMIT);
        ObjectId cursor = after == null ? null : CommitIds.parse("after", after);
        String defaultBranch = repositories.defaultBranch(projectId);
        // The project repository has every branch; the chat's working directory is not needed, nor made.
        try (Repository project = repositories.open(projectId); RevWalk walk = new RevWalk(project)) {
            ObjectId headId = project.resolve(Constants.R_HEADS + branch);
            if (headId == null) {
                throw new GitFailure("the chat's branch " + branch + " does not exist");
            }
            RevCommit head = walk.parseCommit(headId);
            ObjectId defaultId = project.resolve(Constants.R_HEADS + defaultBranch);
            if (defaultId == null) {
                throw new GitFailure("the project's default branch " + defaultBranch + " does not exist");
            }
            RevCommit defaultHead = walk.parseCommit(defaultId);
            RevCommit base = mergeBase(walk, head, defaultHead);
            walk.reset();
            walk.setRevFilter(RevFilter.ALL);
            int ahead = base == null ? 0 : RevWalkUtils.count(walk, head, base);
            int behind = base == null ? 0 : RevWalkUtils.count(walk, defaultHead, base);

            walk.reset();
            walk.setRevFilter(RevFilter.ALL);
            walk.markStart(head);
            walk.markUninteresting(defaultHead);
            List<CommitView> commits = new ArrayList<>();
            boolean started = cursor == null;
            String next = null;
            for (RevCommit commit : walk) {
                if (!started) {
                    started = commit.getId().equals(cursor);
                    continue;
                }
                if (commits.size() == size) {
                    next = commits.get(commits.size() - 1).id();
                    break;
                }
                commits.add(view(commit));
            }
            if (!started) {
                throw ProblemException.badRequest("after names no commit of this chat's branch");
            }
            return new CommitPage(branch, head.name(), defaultBranch, ahead, behind, commits, next);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the chat's history", e);
        }
    }

    private static RevCommit mergeBase(RevWalk walk, RevCommit head, RevCommit defaultHead) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(head);
        walk.markStart(defaultHead);
        return walk.next();
    }

    private static CommitView view(RevCommit commit) {
        StringBuilder message = new StringBuilder();
        UUID turnId = null;
        String restoredFrom = null;
        for (String line : commit.getFullMessage().split("\n", -1)) {
            if (line.startsWith(TurnCommits.TURN_TRAILER)) {
                turnId = uuidOrNull(line.substring(TurnCommits.TURN_TRAILER.length()).strip());
            } else if (line.startsWith(Checkpoints.RESTORED_TRAILER)) {
                restoredFrom = line.substring(Checkpoints.RESTORED_TRAILER.length()).strip();
            } else {
                message.append(line).append('\n');
            }
        }
        return new CommitView(commit.name(), commit.getShortMessage(), message.toString().strip(), turnId,
                restoredFrom, commit.getAuthorIdent().getName(), Instant.ofEpochSecond(commit.getCommitTime()));
    }

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
