package io.switchboard.deploy.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code docker-compose} (1.29, the Python one), which parses, interpolates and validates a compose
 * file without a container engine. A missing binary is a failure, never a skip: CI installs the package.
 */
final class ComposeCli {

    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/docker-compose");
    private static final long TIMEOUT_SECONDS = 60;

    private ComposeCli() {
    }

    /** What {@code docker-compose config} printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

        /** The last line of the error output: compose's own message, after any warnings. */
        String lastErrorLine() {
            String[] lines = stderr.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /**
     * {@code docker-compose config} on the checkout's docker-compose.yml, with exactly the variables of
     * {@code envFile} and no others: the process environment is emptied so that a developer's shell or .env
     * cannot make a missing variable look set.
     */
    static Result config(Path envFile) {
        Path root = RepositoryRoot.path();
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--project-directory", root.toString(),
                "--file", root.resolve("docker-compose.yml").toString(),
                "--env-file", envFile.toAbsolutePath().toString(),
                "config"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        try {
            Path out = Files.createTempFile("compose-config", ".out");
            Path err = Files.createTempFile("compose-config", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("docker-compose config did not finish in " + TIMEOUT_SECONDS
                            + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /**
     * Debian's binary only: a docker-compose v2 elsewhere on the PATH renders and words its errors differently, and
     * the tests read both.
     */
    static Path binary() {
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY;
        }
        throw new AssertionError("docker-compose is not installed at " + DEBIAN_BINARY + "; these tests need it to"
                + " validate docker-compose.yml without a container engine. Install Debian's package:"
                + " apt-get install -y docker-compose (.ci/run does this in CI).");
    }
}
