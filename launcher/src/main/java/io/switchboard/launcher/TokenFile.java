package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The latest token the launcher issued, kept in the data directory for scripts and the watch command. */
final class TokenFile {

    static final String NAME = "token";

    private TokenFile() {
    }

    static Path write(Path dataDir, String token) throws IOException {
        Path file = dataDir.resolve(NAME);
        Files.writeString(file, token + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own protection has to do
        }
        return file;
    }
}
