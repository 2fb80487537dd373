package io.switchboard.workspace.git;

import java.nio.file.Path;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Where things live under the data directory. Project repositories are bare so that chats never
 * share a working tree: each chat gets its own checkout under {@code chats/}, a linked worktree of
 * the project repository (its administrative files under {@code <project>.git/worktrees/<chatId>}),
 * so it shares the project's objects and refs, and branch creation never waits for files.
 */
@ApplicationScoped
public class RepositoryLayout {

    private final Path root;

    public RepositoryLayout(WorkspaceConfig config) {
        this.root = config.dataDir().toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path projectRepository(UUID projectId) {
        return root.resolve("projects").resolve(projectId + ".git");
    }

    /** The chat's working directory: the files the agent tools read and write. */
    public Path chatWorkingDirectory(UUID chatId) {
        return root.resolve("chats").resolve(chatId.toString());
    }

    /** The per-worktree git directory of a chat (HEAD, index) inside its project's repository. */
    public Path chatWorktreeGitDir(UUID projectId, UUID chatId) {
        return projectRepository(projectId).resolve("worktrees").resolve(chatId.toString());
    }
}
