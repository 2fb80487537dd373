package io.switchboard.workspace;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * GitHub as the pull-request tests meet it: its REST API replayed by WireMock from recorded answers
 * ({@code src/test/resources/github}), and its git host played by a real git smart-HTTP server that takes pushes
 * with the same token and runs hooks. Both run on the loopback interface for the test JVM's lifetime.
 */
public class GitHubStub implements QuarkusTestResourceLifecycleManager {

    /** The token the git host accepts; a test value, valid nowhere else. */
    static final String TOKEN = "stub-token-valid-only-in-tests";
    static final String REPOSITORY = "octo-org/hello-world";

    private static WireMockServer api;
    private static SmartGitServer git;
    private static Path bare;

    @Override
    public Map<String, String> start() {
        Path root = Path.of("target", "test-github", UUID.randomUUID().toString()).toAbsolutePath();
        bare = root.resolve(REPOSITORY + ".git");
        try {
            Files.createDirectories(bare);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourceRepositories.git(bare, "init", "-q", "--bare", "-b", "main");
        api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
        git = SmartGitServer.start(root, TOKEN);
        return Map.of("switchboard.workspace.github.api-url", api.baseUrl(),
                "switchboard.workspace.github.git-url", git.url(root));
    }

    @Override
    public void stop() {
        if (api != null) {
            api.stop();
        }
        if (git != null) {
            git.close();
        }
    }

    static WireMockServer api() {
        return api;
    }

    static SmartGitServer git() {
        return git;
    }

    /** The repository on the git host that chats push to. */
    static Path bare() {
        return bare;
    }

    /** A recorded answer's body. */
    static String recorded(String name) {
        try (var in = GitHubStub.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No recorded answer " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
