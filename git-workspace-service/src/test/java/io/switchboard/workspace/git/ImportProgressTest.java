package io.switchboard.workspace.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What an import reports of git's progress, including work JGit reports before it names a task. */
class ImportProgressTest {

    @Test
    void workBeforeAnyTaskIsNotReportedAndEachTaskIsReportedAsItBegins() {
        List<String> reported = new ArrayList<>();
        ImportProgress progress = new ImportProgress(Duration.ZERO,
                (phase, percent) -> reported.add(phase + " " + percent));

        // Over git's smart HTTP protocol the server's own progress can arrive before the first task.
        progress.update(5);
        assertThat(reported).isEmpty();

        progress.beginTask("Receiving objects", 200);
        progress.update(50);
        progress.beginTask("Resolving deltas", 0);
        assertThat(reported).containsExactly("Receiving objects 0", "Receiving objects 25", "Resolving deltas null");
    }
}
