package io.switchboard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git command-line client, an implementation independent of JGit: tests make repositories with it and check
 * what the services did to theirs. Commits it makes are by "Test" with a fixed address.
 */
public final class GitCommandLine {

    private static final long TIMEOUT_SECONDS = 60;

    private GitCommandLine() {
    }

    /** What a git command printed (stdout and stderr) and how it ended. */
    public record Result(int exitValue, String output) {

        public boolean succeeded() {
            return exitValue == 0;
        }

        /** The non-blank lines of the output. */
        public List<String> lines() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    /** {@code git -C <directory> <arguments>}, which must succeed; its output. */
    public static String inDirectory(Path directory, String... arguments) {
        Result result = run(List.of("-c", "user.name=Test", "-c", "user.email=test@example.com", "-C",
                directory.toString()), arguments);
        if (!result.succeeded()) {
            throw new IllegalStateException("git " + Arrays.toString(arguments) + " failed: " + result.output());
        }
        return result.output();
    }

    /** {@code git --git-dir=<repository> <arguments>}, however it ends. */
    public static Result withGitDir(Path repository, String... arguments) {
        return run(List.of("--git-dir=" + repository), arguments);
    }

    private static Result run(List<String> options, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(options);
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + Arrays.toString(arguments) + " did not end");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("git could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
