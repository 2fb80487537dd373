package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;

import io.switchboard.infra.Directories;
import io.switchboard.launcher.Stack;

/**
 * What a chat's workspace costs on a real repository. For each generated repository size it imports the
 * repository into a project through the gateway, then measures, for chats created one after another: creation
 * until the chat's branch exists (WorkspaceReady; only a ref is written, so it must not grow with the repository),
 * the first tool call, which checks the working directory out, each paired with {@code git worktree add} of the git
 * command-line client on the same repository as the reference (the two in turns first), and the disk each chat's
 * working directory takes.
 * Then again with {@code existing} more chats in the project. Prints p50/p99 and the CPU-seconds of each process.
 */
public final class WorkspaceBenchmark {

    private static final String TENANT = "tenant-workspaces";
    private static final Duration POLL = Duration.ofMillis(2);

    private final Settings settings;
    private final List<String> failures = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();

    private WorkspaceBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> new WorkspaceBenchmark(Settings.fromSystemProperties()).run());
    }

    private boolean run() {
        Map<String, String> config = new HashMap<>(settings.serviceConfig());
        for (String limit : new String[] {"user-requests-per-second", "user-burst", "tenant-requests-per-second",
                "tenant-burst"}) {
            config.put("switchboard.api." + limit, "1000000");
        }
        Path sources;
        try {
            sources = Files.createTempDirectory("switchboard-bench-sources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("switchboard.workspace.imports.allowed-paths", sources.toString());
        StackRun.Measured<Boolean> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), config, settings.keepData()),
                (stack, stackStart, load) -> measure(stack, sources, load));
        Directories.deleteRecursively(sources);
        progress("whole run %.1f s", RunClock.seconds(run.total()));
        return run.result();
    }

    private boolean measure(Stack stack, Path sources, String loadAtStart) {
        GatewayApi api = new GatewayApi(stack.gatewayUrl(), stack.token(TENANT, "bench", Duration.ofHours(4)));
        Path workspaces = stack.infra().settings().dataDir().resolve("workspaces");
        ProcessCpu cpu = StackCpu.of(stack, settings.projectRoot(), failures);
        for (RepoSize size : settings.sizes()) {
            progress("generating a repository of %d files, %d MB", size.files(), size.megabytes());
            long generating = System.nanoTime();
            Path source = generate(sources.resolve(size.files() + "-files"), size);
            progress("generated in %.1f s", RunClock.seconds(RunClock.since(generating)));

            String project = api.createProject("workspaces " + size.files());
            awaitReady(api, defaultChat(api, project));
            long importing = System.nanoTime();
            api.startImport(project, source.toString());
            awaitImported(api, project);
            Duration imported = RunClock.since(importing);
            progress("imported in %.1f s", RunClock.seconds(imported));
            Path repository = workspaces.resolve("projects").resolve(project + ".git");

            Path scratch = sources.resolve("worktrees-" + size.files());
            phase(api, cpu, workspaces, project, repository, scratch, size, "first chats", imported);
            progress("creating %d more chats", settings.existing());
            for (int i = 0; i < settings.existing(); i++) {
                String chat = api.createChat(project, "existing " + i);
                if (i == settings.existing() - 1) {
                    awaitReady(api, chat);
                }
            }
            phase(api, cpu, workspaces, project, repository, scratch, size,
                    "with " + settings.existing() + " chats more", imported);
        }
        System.out.println();
        System.out.println("Workspace benchmark (load average at start " + loadAtStart + ")");
        System.out.println("| repository | phase | ready p50 / p99 | first tool call (checkout) p50 / p99 | "
                + "git worktree add p50 | checkout / worktree add | disk per chat | import | CPU-seconds |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        failures.forEach(failure -> System.out.println("FAILURE: " + failure));
        System.out.println(failures.isEmpty() ? "PASS" : "FAIL");
        return failures.isEmpty();
    }

    private void phase(GatewayApi api, ProcessCpu cpu, Path workspaces, String project, Path repository,
            Path scratch, RepoSize size, String phase, Duration imported) {
        progress("%s: %d chats one after another", phase, settings.chats());
        Histogram ready = Latency.newHistogram();
        Histogram checkout = Latency.newHistogram();
        Histogram reference = Latency.newHistogram();
        List<Long> disk = new ArrayList<>();
        List<Path> references = new ArrayList<>();
        Map<String, Double> cpuStart = cpu.seconds();
        for (int i = 0; i < settings.chats(); i++) {
            long created = System.nanoTime();
            String chat = api.createChat(project, phase + " " + i);
            awaitReady(api, chat);
            Latency.record(ready, micros(created));
            // Each checkout is paired with a reference, so both see the machine in the same state (paired A/B); the
            // pair's order alternates, since whichever goes second finds the disk's caches warmed by the first.
            Path referenceTree = scratch.resolve("reference-" + phase.hashCode() + "-" + i);
            references.add(referenceTree);
            if (i % 2 == 1) {
                worktreeAdd(repository, referenceTree, reference);
            }
            long firstCall = System.nanoTime();
            GatewayApi.Got listing = api.get("/api/chats/" + chat + "/workspace/files?path=");
            Latency.record(checkout, micros(firstCall));
            if (listing.status() != 200) {
                failures.add("the first tool call of chat " + chat + " answered " + listing.status());
            }
            if (i % 2 == 0) {
                worktreeAdd(repository, referenceTree, reference);
            }
            disk.add(sizeOf(workspaces.resolve("chats").resolve(chat))
                    + sizeOf(workspaces.resolve("projects").resolve(project + ".git").resolve("worktrees")
                    .resolve(chat)));
        }
        Map<String, Double> cpuEnd = cpu.seconds();
        // Removed only now: a tree of 20,000 files deleted just before the next checkout makes the file system
        // skip its freed inodes while that checkout creates files (ext4), a cost of the deletion, not of either tool.
        references.forEach(tree -> git(repository, "worktree", "remove", "--force", tree.toString()));
        Latency readyFigures = Latency.of(ready);
        Latency checkoutFigures = Latency.of(checkout);
        long referenceP50 = reference.getValueAtPercentile(50);
        disk.sort(Long::compare);
        StringBuilder spent = new StringBuilder();
        cpuEnd.forEach((name, end) -> spent.append(spent.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format("%.1f", end - cpuStart.getOrDefault(name, 0.0))));
        rows.add(String.format("| %d files, %d MB | %s | %s / %s | %s / %s | %s | %.2f | %.1f MB | %.1f s | %s |",
                size.files(), size.megabytes(), phase, Latency.millis(readyFigures.p50Micros()),
                Latency.millis(readyFigures.p99Micros()), Latency.millis(checkoutFigures.p50Micros()),
                Latency.millis(checkoutFigures.p99Micros()), Latency.millis(referenceP50),
                checkoutFigures.p50Micros() / (double) Math.max(1, referenceP50),
                disk.get(disk.size() / 2) / 1_000_000.0, RunClock.seconds(imported), spent));
    }

    /** {@code git worktree add} of the default branch, timed; the phase removes it at its end. */
    private void worktreeAdd(Path repository, Path target, Histogram times) {
        long started = System.nanoTime();
        git(repository, "worktree", "add", "--quiet", "--detach", target.toString(), "HEAD");
        Latency.record(times, micros(started));
    }

    private static String defaultChat(GatewayApi api, String project) {
        return api.get("/api/projects/" + project + "/chats").body().findValuesAsText("id").get(0);
    }

    private void awaitReady(GatewayApi api, String chat) {
        await(() -> {
            GatewayApi.Got workspace = api.get("/api/chats/" + chat + "/workspace");
            return workspace.status() == 200 && "READY".equals(workspace.body().path("status").asText());
        }, "chat " + chat + " has no ready workspace");
    }

    private void awaitImported(GatewayApi api, String project) {
        await(() -> {
            GatewayApi.Got status = api.get("/api/projects/" + project + "/import");
            if (status.status() == 200 && "failed".equals(status.body().path("state").asText())) {
                throw new IllegalStateException("the import failed: " + status.body().path("reason").asText());
            }
            return status.status() == 200 && "imported".equals(status.body().path("state").asText());
        }, "project " + project + " was not imported");
    }

    private void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    /** Files of about equal size in directories of 100, text of random words: source code's compressibility. */
    static Path generate(Path base, RepoSize size) {
        Path work = base.resolve("work");
        Path bare = base.resolve("source.git");
        Random random = new Random(size.files());
        long bytesPerFile = size.megabytes() * 1_000_000L / size.files();
        try {
            for (int i = 0; i < size.files(); i++) {
                Path file = work.resolve("dir-" + (i / 100)).resolve("file-" + i + ".txt");
                Files.createDirectories(file.getParent());
                StringBuilder text = new StringBuilder((int) bytesPerFile + 16);
                while (text.length() < bytesPerFile) {
                    for (int letter = 0, length = 2 + random.nextInt(8); letter < length; letter++) {
                        text.append((char) ('a' + random.nextInt(26)));
                    }
                    text.append(random.nextInt(12) == 0 ? '\n' : ' ');
                }
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(work, "init", "--quiet", "-b", "main");
        git(work, "add", "-A");
        git(work, "commit", "--quiet", "-m", "Generated");
        git(base, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        Directories.deleteRecursively(work);
        return bare;
    }

    private static void git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Bench", "-c",
                "user.email=bench@example.com", "-C", directory.toString()));
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + Arrays.toString(arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static long sizeOf(Path directory) {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long micros(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedNanos);
    }

    /** A generated repository: this many files holding this many megabytes in all. */
    record RepoSize(int files, int megabytes) {
    }

    /**
     * @param sizes    repositories to generate, {@code bench.workspaces.sizes} as {@code files:MB,...}
     * @param chats    chats measured one after another per phase
     * @param existing chats created between the two phases
     */
    record Settings(Path projectRoot, List<RepoSize> sizes, int chats, int existing, boolean keepData,
            Map<String, String> serviceConfig) {

        static Settings fromSystemProperties() {
            Properties p = System.getProperties();
            List<RepoSize> sizes = new ArrayList<>();
            for (String size : p.getProperty("bench.workspaces.sizes", "2000:20,20000:200").split(",")) {
                String[] parts = size.trim().split(":");
                sizes.add(new RepoSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
            }
            return new Settings(Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                    sizes, BenchSettings.intValue(p, "bench.workspaces.chats", 20),
                    BenchSettings.intValue(p, "bench.workspaces.existing-chats", 200),
                    Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                    BenchSettings.serviceConfig(p));
        }
    }
}
