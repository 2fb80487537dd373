package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.switchboard.testing.GitCommandLine;

/** The git command-line client run on a service repository to check results. */
final class GitCli {

    private GitCli() {
    }

    /** The non-blank output lines of {@code git --git-dir=<repository> <arguments>}, which must succeed. */
    static List<String> lines(Path repository, String... arguments) {
        GitCommandLine.Result result = GitCommandLine.withGitDir(repository, arguments);
        assertThat(result.exitValue()).as("git %s: %s", Arrays.toString(arguments), result.output()).isZero();
        return result.lines();
    }

    /** Whether {@code git --git-dir=<repository> <arguments>} succeeds. */
    static boolean succeeds(Path repository, String... arguments) {
        return GitCommandLine.withGitDir(repository, arguments).succeeded();
    }
}
