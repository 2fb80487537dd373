package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import io.switchboard.workspace.api.FileConflict;

/**
 * Which files several chats of a project changed: for each chat's branch, the paths that differ between its head
 * and its merge-base with the default branch (what a merge of that branch would bring), then the paths more than
 * one branch brings.
 */
@ApplicationScoped
public class ChangeOverlaps {

    private final ProjectRepositories repositories;

    public ChangeOverlaps(ProjectRepositories repositories) {
        this.repositories = repositories;
    }

    /** A chat and its branch. */
    public record ChatBranch(String chatId, String branch) {
    }

    /** The paths changed on more than one of the branches, in path order, each with its chats in the given order. */
    public List<FileConflict> overlaps(UUID projectId, String defaultBranch, List<ChatBranch> chats) {
        if (!repositories.exists(projectId)) {
            return List.of();
        }
        Map<String, TreeSet<Integer>> touched = new TreeMap<>();
        try (Repository project = repositories.open(projectId); RevWalk walk = new RevWalk(project)) {
            ObjectId defaultId = project.resolve(Constants.R_HEADS + defaultBranch);
            if (defaultId == null) {
                throw new GitFailure("the project's default branch " + defaultBranch + " does not exist");
            }
            for (int i = 0; i < chats.size(); i++) {
                ObjectId head = project.resolve(Constants.R_HEADS + chats.get(i).branch());
                if (head == null) {
                    continue;
                }
                for (String path : changedPaths(project, walk, head, defaultId)) {
                    touched.computeIfAbsent(path, p -> new TreeSet<>()).add(i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare the project's chats", e);
        }
        List<FileConflict> conflicts = new ArrayList<>();
        touched.forEach((path, indexes) -> {
            if (indexes.size() > 1) {
                conflicts.add(new FileConflict(path, indexes.stream().map(i -> chats.get(i).chatId()).toList()));
            }
        });
        return conflicts;
    }

    private static List<String> changedPaths(Repository project, RevWalk walk, ObjectId head, ObjectId defaultId)
            throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        RevCommit headCommit = walk.parseCommit(head);
        walk.markStart(headCommit);
        walk.markStart(walk.parseCommit(defaultId));
        RevCommit base = walk.next();
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        if (base == null) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        try (TreeWalk tree = new TreeWalk(project)) {
            tree.addTree(walk.parseCommit(base).getTree());
            tree.addTree(headCommit.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }
}
