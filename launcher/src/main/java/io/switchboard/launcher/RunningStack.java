package io.switchboard.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a run command has a data directory: it holds a lock on a file there for as long as it runs. The system
 * releases the lock however the process ends, even by {@code kill -9}, so neither a left-over file nor a reused
 * process id can make a stopped stack look running.
 */
final class RunningStack {

    static final String LOCK_FILE = "launcher.lock";
    static final String NOT_RUNNING = "no Switchboard stack is running here; start it with ./switchboard";

    /** The lock lives as long as its channel, which must not be collected: held for the rest of the JVM's life. */
    private static FileChannel held;

    private RunningStack() {
    }

    /** Marks the data directory as used by this JVM until it exits; fails if another run command has it. */
    static synchronized void claim(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Switchboard is already running with its data in " + dataDir
                    + "; stop it (Ctrl-C where it runs) before starting it again");
        }
        held = channel;
    }

    static boolean isRunning(Path dataDir) throws IOException {
        Path file = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(file)) {
            return false;
        }
        // A shared lock needs only read access, and is refused while the run command holds its exclusive one.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            // This very JVM holds it.
            return true;
        }
    }

    /** Fails with {@link #NOT_RUNNING}, a message for the user, unless a run command has the data directory. */
    static void require(Path dataDir) throws IOException {
        if (!isRunning(dataDir)) {
            throw new IllegalStateException(NOT_RUNNING);
        }
    }
}
