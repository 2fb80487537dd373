package io.switchboard.deploy.compose;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root: the nearest directory above the working directory that holds docker-compose.yml. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
