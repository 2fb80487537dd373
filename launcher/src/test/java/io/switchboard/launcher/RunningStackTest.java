package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code switchboard token} answers with and without a run command on the data directory. */
class RunningStackTest {

    @TempDir
    Path dataDir;

    @Test
    void tokenWithoutARunningStackIsOneClearLine() {
        assertThatThrownBy(() -> Launcher.token(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no Switchboard stack is running here; start it with ./switchboard");
    }

    @Test
    void tokenLeftByAStoppedStackIsNotPrinted() throws IOException {
        // A run command that ended, however it ended, leaves its lock file and its token, but holds no lock.
        Files.createFile(dataDir.resolve(RunningStack.LOCK_FILE));
        TokenFile.write(dataDir, "old-token");

        assertThat(RunningStack.isRunning(dataDir)).isFalse();
        assertThatThrownBy(() -> Launcher.token(dataDir)).hasMessage(RunningStack.NOT_RUNNING);
    }

    @Test
    void runningStackGivesItsTokenOnceWritten() throws IOException {
        RunningStack.claim(dataDir);

        assertThat(RunningStack.isRunning(dataDir)).isTrue();
        assertThatThrownBy(() -> Launcher.token(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no token in " + dataDir + " yet");

        TokenFile.write(dataDir, "eyJ.token");
        assertThat(Launcher.token(dataDir)).isEqualTo("eyJ.token");
    }
}
