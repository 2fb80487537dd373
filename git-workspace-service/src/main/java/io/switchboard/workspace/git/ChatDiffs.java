package io.switchboard.workspace.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import io.switchboard.workspace.api.ChangedFile;
import io.switchboard.workspace.api.DiffPart;
import io.switchboard.workspace.api.WorkspaceDiff;
import io.switchboard.workspace.config.WorkspaceConfig;

/** Diffs of a chat's working directory and branch, as unified patches cut at a size limit. */
@ApplicationScoped
public class ChatDiffs {

    private final ProjectRepositories repositories;
    private final WorkspaceConfig.Files limits;

    public ChatDiffs(ProjectRepositories repositories, WorkspaceConfig config) {
        this.repositories = repositories;
        this.limits = config.files();
    }

    /** The chat's uncommitted changes, and with {@code againstDefault} its branch against the default branch. */
    public WorkspaceDiff diff(UUID projectId, Repository chat, String branch, boolean againstDefault) {
        try {
            ObjectId head = chat.resolve(Constants.HEAD);
            DiffPart uncommitted = uncommitted(chat, head);
            if (!againstDefault) {
                return new WorkspaceDiff(branch, head.name(), uncommitted, null, null);
            }
            String defaultBranch = repositories.defaultBranch(projectId);
            return new WorkspaceDiff(branch, head.name(), uncommitted, defaultBranch,
                    againstDefault(chat, head, defaultBranch));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot diff the working directory", e);
        }
    }

    /*
     * HEAD against the files on disk directly, not against the index: files the agent created are
     * untracked until the commit adds them, and must show all the same. Ignored untracked files do not
     * show, just as the commit will not add them.
     */
    private DiffPart uncommitted(Repository chat, ObjectId head) throws IOException {
        try (ObjectReader reader = chat.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            CanonicalTreeParser committed = new CanonicalTreeParser();
            committed.reset(reader, walk.parseCommit(head).getTree());
            return format(chat, head.name(), committed, new FileTreeIterator(chat), new SkipIgnoredUntracked());
        }
    }

    /**
     * The other branch's head against the chat's: what would turn the chat's files into the other's. Read from the
     * project repository, which has both branches, so neither chat's working directory is needed.
     */
    public DiffPart between(UUID projectId, String branch, String otherBranch) {
        try (Repository project = repositories.open(projectId)) {
            ObjectId head = project.resolve(Constants.R_HEADS + branch);
            ObjectId other = project.resolve(Constants.R_HEADS + otherBranch);
            if (head == null || other == null) {
                throw new GitFailure("a chat's branch does not exist");
            }
            try (ObjectReader reader = project.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                CanonicalTreeParser from = new CanonicalTreeParser();
                from.reset(reader, walk.parseCommit(head).getTree());
                CanonicalTreeParser to = new CanonicalTreeParser();
                to.reset(reader, walk.parseCommit(other).getTree());
                return format(project, head.name(), from, to, TreeFilter.ALL);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare the two chats' branches", e);
        }
    }

    private DiffPart againstDefault(Repository chat, ObjectId head, String defaultBranch) throws IOException {
        ObjectId defaultHead = chat.resolve(Constants.R_HEADS + defaultBranch);
        if (defaultHead == null) {
            throw new GitFailure("the project's default branch " + defaultBranch + " does not exist");
        }
        try (ObjectReader reader = chat.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit branchHead = walk.parseCommit(head);
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(branchHead);
            walk.markStart(walk.parseCommit(defaultHead));
            RevCommit base = walk.next();
            if (base == null) {
                throw new GitFailure("the chat's branch shares no history with " + defaultBranch);
            }
            walk.reset();
            walk.setRevFilter(RevFilter.ALL);
            CanonicalTreeParser from = new CanonicalTreeParser();
            from.reset(reader, walk.parseCommit(base).getTree());
            CanonicalTreeParser to = new CanonicalTreeParser();
            to.reset(reader, branchHead.getTree());
            return format(chat, base.name(), from, to, TreeFilter.ALL);
        }
    }

    private DiffPart format(Repository repository, String base, AbstractTreeIterator from, AbstractTreeIterator to,
            TreeFilter filter) throws IOException {
        int limit = (int) Math.min(Integer.MAX_VALUE, limits.maxDiffSize().asLongValue());
        ByteArrayOutputStream patch = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(patch)) {
            formatter.setRepository(repository);
            formatter.setDetectRenames(true);
            formatter.setPathFilter(filter);
            List<DiffEntry> entries = formatter.scan(from, to);
            boolean truncated = false;
            for (DiffEntry entry : entries) {
                if (patch.size() >= limit) {
                    truncated = true;
                    break;
                }
                formatter.format(entry);
            }
            formatter.flush();
            List<ChangedFile> files = entries.stream().map(ChatDiffs::changedFile).toList();
            return new DiffPart(base, files, cut(patch, limit), truncated || patch.size() > limit);
        }
    }

    private static ChangedFile changedFile(DiffEntry entry) {
        return switch (entry.getChangeType()) {
            case ADD -> new ChangedFile(entry.getNewPath(), "ADD", null);
            case DELETE -> new ChangedFile(entry.getOldPath(), "DELETE", null);
            case MODIFY -> new ChangedFile(entry.getNewPath(), "MODIFY", null);
            case RENAME -> new ChangedFile(entry.getNewPath(), "RENAME", entry.getOldPath());
            case COPY -> new ChangedFile(entry.getNewPath(), "COPY", entry.getOldPath());
        };
    }

    /** The patch up to the limit, ending at a line boundary where possible. */
    private static String cut(ByteArrayOutputStream patch, int limit) {
        String text = patch.toString(StandardCharsets.UTF_8);
        if (patch.size() <= limit) {
            return text;
        }
        byte[] bytes = patch.toByteArray();
        int end = limit;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return new String(bytes, 0, end == 0 ? limit : end, StandardCharsets.UTF_8);
    }

    /** Leaves out files that are neither committed nor wanted: untracked and ignored by .gitignore. */
    private static final class SkipIgnoredUntracked extends TreeFilter {

        @Override
        public boolean include(TreeWalk walk) throws IOException {
            WorkingTreeIterator files = walk.getTree(1, WorkingTreeIterator.class);
            if (files == null || walk.getRawMode(0) != 0) {
                return true;
            }
            return !files.isEntryIgnored();
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    }
}
