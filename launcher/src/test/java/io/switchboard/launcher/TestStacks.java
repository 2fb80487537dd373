package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.switchboard.infra.InfraSettings;

/** Stacks for end-to-end tests: free ports, a temporary data directory, the project's built services. */
final class TestStacks {

    static final Duration SHARED_SERVICE_TOKEN_TTL = Duration.ofSeconds(40);

    private static Stack shared;
    private static StackSettings sharedSettings;
    private static RecordedModels models;
    private static SpanSink spans;

    private TestStacks() {
    }

    /**
     * One stack for the whole test JVM, stopped and deleted at exit; besides {@code offline} its chat-service offers
     * the recorded models of {@link RecordedModels}. Its services trace and export to a {@link SpanSink}.
     */
    static synchronized Stack shared() {
        if (shared == null) {
            Path dataDir = temporaryDataDir();
            models = RecordedModels.start();
            spans = SpanSink.start();
            // Data kept across restarts (InfrastructureRestartIT restarts PostgreSQL and everything on this stack);
            // the shutdown hook deletes it.
            StackSettings settings = settings(dataDir, true);
            Map<String, String> config = new HashMap<>(settings.extraConfig());
            config.putAll(models.providerConfig());
            // Every shared-stack test runs with tracing on (TracingIT reads the spans): it must change nothing else.
            config.putAll(spans.tracingConfig());
            // RepositoryImportIT imports repositories it makes here.
            config.put("switchboard.workspace.imports.allowed-paths", importSources(dataDir).toString());
            sharedSettings = new StackSettings(settings.projectRoot(), settings.infra(), settings.servicePorts(),
                    config);
            shared = Stack.start(sharedSettings);
            shortenServiceTokens();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                models.stop();
                spans.close();
                deleteRecursively(dataDir);
            }));
        }
        return shared;
    }

    /**
     * Stops the whole shared stack and starts it again on the same data and settings; the tests that run after
     * take the new one from {@link #shared()}.
     */
    static synchronized Stack restartShared() {
        shared();
        shared.close();
        shared = Stack.start(sharedSettings);
        shortenServiceTokens();
        return shared;
    }

    /**
     * chat-service renews a token 30 s before it expires: with 40 s tokens every agent test runs through renewals
     * (ServiceIdentityIT counts them). Set before any test asks for one.
     */
    private static void shortenServiceTokens() {
        shared.serviceTokens().ttl(SHARED_SERVICE_TOKEN_TTL);
    }

    /** Where the shared stack's services export their spans. */
    static synchronized SpanSink sharedSpans() {
        shared();
        return spans;
    }

    /** The directory the shared stack's git-workspace-service may import repositories from. */
    static Path importSources(Path dataDir) {
        return dataDir.resolve("import-sources");
    }

    static StackSettings settings(Path dataDir, boolean keepData) {
        InfraSettings infra = InfraSettings.defaults(dataDir).withKeepData(keepData).withBrokerHeapMb(384);
        return new StackSettings(projectRoot(), infra, Map.of(),
                Map.of("switchboard.chat.offline.words-per-second", "50",
                        // The tests send and poll as fast as they can; the REST rate limits have tests of their own.
                        "switchboard.api.user-requests-per-second", "100000",
                        "switchboard.api.user-burst", "100000",
                        "switchboard.api.tenant-requests-per-second", "100000",
                        "switchboard.api.tenant-burst", "100000"));
    }

    static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("switchboard-e2e");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Failsafe runs in the launcher module; the services are its siblings. */
    static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
