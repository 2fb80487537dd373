package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The git command-line client, an implementation independent of JGit, run on a repository to check results. */
final class GitCli {

    private GitCli() {
    }

    /** The non-blank output lines of {@code git --git-dir=<repository> <arguments>}, which must succeed. */
    static List<String> lines(Path repository, String... arguments) {
        Result result = run(repository, arguments);
        assertThat(result.exitValue()).as("git %s: %s", Arrays.toString(arguments), result.output()).isZero();
        return result.output().lines().filter(line -> !line.isBlank()).toList();
    }

    /** Whether {@code git --git-dir=<repository> <arguments>} succeeds. */
    static boolean succeeds(Path repository, String... arguments) {
        return run(repository, arguments).exitValue() == 0;
    }

    private static Result run(Path repository, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + repository));
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitValue, String output) {
    }
}
