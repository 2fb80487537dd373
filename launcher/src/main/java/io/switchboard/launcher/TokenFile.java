package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The latest token the launcher issued, kept in the data directory for scripts and the watch command. */
final class TokenFile {

    static final String NAME = "token";

    private TokenFile() {
    }

    /** The token, or a message for the user when there is none yet. */
    static String read(Path dataDir) throws IOException {
        try {
            return Files.readString(dataDir.resolve(NAME)).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no token in " + dataDir + " yet: ./switchboard writes it once the stack"
                    + " is ready");
        }
    }

    /** Removes the token an earlier run left, which would otherwise pass for the current one while a stack starts. */
    static void delete(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(NAME));
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
