package io.switchboard.workspace.git;

import java.nio.file.Path;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Where things live under the data directory. Project repositories are bare so that chats never
 * share a working tree: each chat will get its own checkout under {@code chats/}, sharing the
 * project's objects, and branch creation never has to wait for files to be written.
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
}
