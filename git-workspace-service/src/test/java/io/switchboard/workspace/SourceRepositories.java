package io.switchboard.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.switchboard.testing.GitCommandLine;

/**
 * Repositories to import, made with the git command-line client in the directory the test configuration allows:
 * a bare repository whose HEAD names {@code trunk}, with a branch {@code feature} and a tag {@code v1}.
 */
final class SourceRepositories {

    static final Path ROOT = Path.of("target", "test-import-sources").toAbsolutePath();

    private SourceRepositories() {
    }

    /** A new bare repository with two commits on trunk, one more on feature, and a tag; ready to be served. */
    static Path create() {
        Path base = ROOT.resolve(UUID.randomUUID().toString());
        Path work = base.resolve("work");
        Path bare = base.resolve("source.git");
        try {
            Files.createDirectories(work);
            git(work, "init", "-q", "-b", "trunk");
            Files.writeString(work.resolve("README.md"), "# Imported\n");
            git(work, "add", "README.md");
            git(work, "commit", "-q", "-m", "First");
            Files.createDirectories(work.resolve("src"));
            Files.writeString(work.resolve("src/app.txt"), "app\n");
            git(work, "add", "src/app.txt");
            git(work, "commit", "-q", "-m", "Second");
            git(work, "tag", "v1");
            git(work, "checkout", "-q", "-b", "feature");
            Files.writeString(work.resolve("feature.txt"), "feature\n");
            git(work, "add", "feature.txt");
            git(work, "commit", "-q", "-m", "Feature");
            git(work, "checkout", "-q", "trunk");
            git(base, "clone", "-q", "--bare", work.toString(), bare.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bare;
    }

    /** The commit a ref of the repository names, by the git command-line client. */
    static String head(Path bare, String ref) {
        return git(bare, "rev-parse", ref).trim();
    }

    static String git(Path directory, String... arguments) {
        return GitCommandLine.inDirectory(directory, arguments);
    }
}
