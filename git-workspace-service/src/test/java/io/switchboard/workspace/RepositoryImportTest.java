package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.workspace.RepositoryImport;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;

/**
 * Importing existing repositories into new projects, from a local bare repository and from a git HTTP server,
 * checked with the git command-line client; and every source, request and project the import must refuse.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class RepositoryImportTest {

    private static final String TOKEN = "ghp_" + UUID.randomUUID().toString().replace("-", "");

    @Inject
    RepositoryLayout layout;

    @Test
    void aLocalRepositoryBecomesTheProjectsHistoryAndItsChatsStartFromItsDefaultBranch() {
        Path source = SourceRepositories.create();
        ChatWorkspace chat = ChatWorkspace.create();
        // A checked-out but unchanged working directory is checked out again from the imported history.
        chat.asOwner().get("/workspaces/{chatId}/files").then().statusCode(200);
        assertThat(layout.chatWorkingDirectory(chat.id())).exists();

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            owner(chat).contentType("application/json").body(Map.of("path", source.toString()))
                    .post("/projects/{projectId}/import", chat.projectId())
                    .then().statusCode(202).body("state", equalTo("cloning"))
                    .body("source", equalTo(source.toString()));
            JsonPath done = awaitImport(chat, "imported");

            String trunk = SourceRepositories.head(source, "trunk");
            assertThat(done.getString("defaultBranch")).isEqualTo("trunk");
            assertThat(done.getString("headCommit")).isEqualTo(trunk);
            Path repository = layout.projectRepository(chat.projectId());
            assertThat(GitCli.lines(repository, "symbolic-ref", "HEAD")).containsExactly("refs/heads/trunk");
            assertThat(GitCli.lines(repository, "rev-parse", "trunk", "feature", "v1"))
                    .containsExactly(trunk, SourceRepositories.head(source, "feature"),
                            SourceRepositories.head(source, "v1"));
            assertThat(GitCli.lines(repository, "rev-parse", chat.branch())).containsExactly(trunk);
            // The empty initial branch is gone: the source has no main.
            assertThat(GitCli.succeeds(repository, "rev-parse", "--verify", "--quiet", "refs/heads/main")).isFalse();
            assertThat(GitCli.lines(repository, "for-each-ref", "--format=%(refname)", "refs/switchboard-import"))
                    .isEmpty();
            assertThat(GitCli.lines(repository, "fsck", "--no-progress", "--no-dangling")).isEmpty();

            // The chat's stream: cloning, then its branch's new head, then the import's end; keyed and gapless.
            Published ready = events.awaitEvent(chat.chatId(), "WorkspaceReady");
            assertThat(ready.payload(WorkspaceReady.class).headCommit()).isEqualTo(trunk);
            Published imported = awaitImportEvent(events, chat, "imported");
            assertThat(imported.payload(RepositoryImport.class).defaultBranch()).isEqualTo("trunk");
            assertThat(imported.envelope().seq()).isGreaterThan(ready.envelope().seq());
            assertThat(events.of(chat.chatId())).allSatisfy(event -> assertThat(event.key()).isEqualTo(chat.chatId()));
            List<Long> seqs = events.of(chat.chatId()).stream().map(event -> event.envelope().seq()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isEqualTo(seqs.size() - 1);
        }
        // The chat's tools now see the imported files.
        assertThat(chat.read("src/app.txt")).isEqualTo("app\n");
        // New chats branch from the imported default branch.
        ChatWorkspace later = ChatWorkspace.create(chat.tenant(), chat.projectId());
        assertThat(later.ready().headCommit()).isEqualTo(SourceRepositories.head(source, "trunk"));
    }

    @Test
    void anHttpRemoteNeedsTheRightTokenWhichIsNeverShownAndAFailedImportCanBeRetried() {
        Path source = SourceRepositories.create();
        ChatWorkspace chat = ChatWorkspace.create();
        try (SmartGitServer server = SmartGitServer.start(SourceRepositories.ROOT, TOKEN);
                WorkspaceEvents events = new WorkspaceEvents()) {
            String wrongToken = "ghp_wrong" + UUID.randomUUID().toString().replace("-", "");
            start(chat, Map.of("url", server.url(source), "token", wrongToken)).then().statusCode(202);
            JsonPath failed = awaitImport(chat, "failed");
            assertThat(failed.getString("reason")).contains("refused access");
            assertThat(failed.prettify()).doesNotContain(wrongToken).doesNotContain(TOKEN);
            assertThat(server.authorizations()).isNotEmpty();
            Published failure = awaitImportEvent(events, chat, "failed");
            assertThat(failure.envelope().toString()).doesNotContain(wrongToken);

            start(chat, Map.of("url", server.url(source), "token", TOKEN, "branch", "feature"))
                    .then().statusCode(202);
            JsonPath done = awaitImport(chat, "imported");
            assertThat(done.getString("defaultBranch")).isEqualTo("feature");
            assertThat(done.getString("source")).isEqualTo(server.url(source)).doesNotContain(TOKEN);
            Path repository = layout.projectRepository(chat.projectId());
            assertThat(GitCli.lines(repository, "rev-parse", chat.branch()))
                    .containsExactly(SourceRepositories.head(source, "feature"));
            assertThat(GitCli.lines(repository, "fsck", "--no-progress", "--no-dangling")).isEmpty();

            // The token was not kept: fetching again needs it again.
            owner(chat).contentType("application/json").body(Map.of())
                    .post("/projects/{projectId}/fetch", chat.projectId())
                    .then().statusCode(409).body("detail", containsString("refused access"));
            owner(chat).contentType("application/json").body(Map.of("token", TOKEN))
                    .post("/projects/{projectId}/fetch", chat.projectId())
                    .then().statusCode(200).body("diverged", equalTo(List.of()));
        }
        // Whatever came after the first success may not start again: the project has history now.
        start(chat, Map.of("path", SourceRepositories.create().toString())).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already has history"));
    }

    @Test
    void fetchingAgainFastForwardsWhatTheSourceMovedAndLeavesWhatWentItsOwnWay() {
        Path source = SourceRepositories.create();
        ChatWorkspace chat = ChatWorkspace.create();
        owner(chat).contentType("application/json").body(Map.of()).post("/projects/{projectId}/fetch", chat.projectId())
                .then().statusCode(409).contentType("application/problem+json");
        start(chat, Map.of("path", source.toString())).then().statusCode(202);
        awaitImport(chat, "imported");
        // Here, the chat's work is merged into trunk; there, trunk and feature move on and a branch is added.
        chat.write("here.txt", "here\n");
        chat.asOwner().contentType("application/json").body(Map.of("message", "Here"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200);
        chat.asOwner().contentType("application/json").body(Map.of()).post("/workspaces/{chatId}/merge")
                .then().statusCode(200).body("outcome", equalTo("merged"));
        Path repository = layout.projectRepository(chat.projectId());
        String mergedTrunk = GitCli.lines(repository, "rev-parse", "trunk").get(0);
        String chatHead = GitCli.lines(repository, "rev-parse", chat.branch()).get(0);
        Path work = source.resolveSibling("work");
        for (String branch : List.of("trunk", "feature")) {
            SourceRepositories.git(work, "checkout", "-q", branch);
            SourceRepositories.git(work, "commit", "-q", "--allow-empty", "-m", "More on " + branch);
        }
        SourceRepositories.git(work, "branch", "fresh");
        SourceRepositories.git(work, "push", "-q", source.toString(), "trunk", "feature", "fresh");

        owner(chat).contentType("application/json").body(Map.of()).post("/projects/{projectId}/fetch", chat.projectId())
                .then().statusCode(200)
                .body("created", equalTo(List.of("fresh"))).body("updated", equalTo(List.of("feature")))
                .body("diverged", equalTo(List.of("trunk"))).body("defaultBranch", equalTo("trunk"))
                .body("headCommit", equalTo(mergedTrunk));

        assertThat(GitCli.lines(repository, "rev-parse", "feature", "fresh", "trunk", chat.branch())).containsExactly(
                SourceRepositories.head(source, "feature"), SourceRepositories.head(source, "fresh"), mergedTrunk,
                chatHead);
        assertThat(GitCli.lines(repository, "for-each-ref", "--format=%(refname)", "refs/switchboard-import"))
                .isEmpty();
        assertThat(GitCli.lines(repository, "fsck", "--no-progress", "--no-dangling")).isEmpty();
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "eve")).contentType("application/json")
                .body(Map.of()).post("/projects/{projectId}/fetch", chat.projectId())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aProjectWithHistoryOfItsOwnOrAnUnknownBranchIsNotImportedInto() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("mine.txt", "mine\n");
        chat.asOwner().contentType("application/json").body(Map.of("message", "Mine"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200);
        start(chat, Map.of("path", SourceRepositories.create().toString())).then().statusCode(409)
                .contentType("application/problem+json");

        ChatWorkspace fresh = ChatWorkspace.create();
        start(fresh, Map.of("path", SourceRepositories.create().toString(), "branch", "nope"))
                .then().statusCode(202);
        assertThat(awaitImport(fresh, "failed").getString("reason")).contains("no branch 'nope'");
        Path repository = layout.projectRepository(fresh.projectId());
        assertThat(GitCli.lines(repository, "for-each-ref", "--format=%(refname)", "refs/heads")).containsExactly(
                "refs/heads/main", "refs/heads/" + fresh.branch());
    }

    @Test
    void everySourceOutsideTheRulesIsABadRequestThatFetchesNothing() throws Exception {
        ChatWorkspace chat = ChatWorkspace.create();
        Path outside = Files.createTempDirectory("not-allowed");
        Path link = SourceRepositories.ROOT.resolve("link-" + UUID.randomUUID());
        Files.createDirectories(SourceRepositories.ROOT);
        Files.createSymbolicLink(link, outside);
        List<Map<String, Object>> bodies = List.of(
                Map.of(), Map.of("url", "https://127.0.0.1/a.git", "path", "/tmp"),
                Map.of("url", "ftp://127.0.0.1/repo.git"), Map.of("url", "file:///etc"),
                Map.of("url", "ssh://git@127.0.0.1/repo.git"), Map.of("url", "git://127.0.0.1/repo.git"),
                Map.of("url", "https://user:secret@127.0.0.1/repo.git"), Map.of("url", "http://192.0.2.10/repo.git"),
                Map.of("url", "https://127.0.0.2/repo.git"), Map.of("url", "https://10.1.2.3/repo.git"),
                Map.of("url", "https://172.16.0.1/repo.git"), Map.of("url", "https://192.168.1.1/repo.git"),
                Map.of("url", "https://169.254.169.254/latest/meta-data"), Map.of("url", "https://[::1]/repo.git"),
                Map.of("url", "https://[fd00::1]/repo.git"), Map.of("url", "https://[::ffff:10.0.0.1]/repo.git"),
                Map.of("url", "https://100.64.0.1/repo.git"), Map.of("url", "https://0.0.0.0/repo.git"),
                Map.of("url", "https://localhost/repo.git"), Map.of("url", "https://127.0.0.1/a.git?x=1"),
                Map.of("url", "https://127.0.0.1/a b.git"), Map.of("url", "https://127.0.0.1/\u0000.git"),
                Map.of("url", "https://127.0.0.1/\ud800.git"), Map.of("url", "not a url"), Map.of("url", ""),
                Map.of("url", "https://" + "a".repeat(3000) + ".example/repo.git"),
                Map.of("url", "https://127.0.0.1/a.git", "token", "has spaces in it"),
                Map.of("url", "https://127.0.0.1/a.git", "token", ""),
                Map.of("path", "/tmp", "token", "abc"), Map.of("path", "relative/repo.git"),
                Map.of("path", outside.toString()), Map.of("path", "/etc"),
                Map.of("path", SourceRepositories.ROOT + "/../../../etc"), Map.of("path", link.toString()),
                Map.of("path", SourceRepositories.ROOT + "/missing.git"), Map.of("path", "/tmp/\u0000"),
                Map.of("url", 42), Map.of("url", List.of("https://127.0.0.1/a.git")),
                Map.of("path", SourceRepositories.create().toString(), "branch", "a..b"));
        for (Map<String, Object> body : bodies) {
            start(chat, body).then().statusCode(400).contentType("application/problem+json");
        }
        owner(chat).contentType("application/json").body("{\"url\":")
                .post("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(400).contentType("application/problem+json");
        owner(chat).contentType("application/json").post("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(400).contentType("application/problem+json");
        owner(chat).get("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(GitCli.lines(layout.projectRepository(chat.projectId()), "for-each-ref", "--format=%(refname)"))
                .containsExactlyInAnyOrder("refs/heads/" + chat.branch(), "refs/heads/main");
    }

    @Test
    void anotherTenantsProjectIsNotFoundAndABadProjectIdIsABadRequest() {
        ChatWorkspace chat = ChatWorkspace.create();
        Map<String, Object> body = Map.of("path", SourceRepositories.create().toString());
        RequestSpecification stranger = given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "eve"));
        stranger.contentType("application/json").body(body).post("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "eve"))
                .get("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(404).contentType("application/problem+json");
        owner(chat).contentType("application/json").body(body).post("/projects/{projectId}/import", "nope")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(body).post("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(401);
    }

    private static Response start(ChatWorkspace chat, Map<String, Object> body) {
        return owner(chat).contentType("application/json").body(new HashMap<>(body))
                .post("/projects/{projectId}/import", chat.projectId());
    }

    private static JsonPath awaitImport(ChatWorkspace chat, String state) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> owner(chat)
                .get("/projects/{projectId}/import", chat.projectId())
                .then().statusCode(200).body("state", equalTo(state)));
        return owner(chat).get("/projects/{projectId}/import", chat.projectId()).then().extract().jsonPath();
    }

    private static Published awaitImportEvent(WorkspaceEvents events, ChatWorkspace chat, String state) {
        await().atMost(WorkspaceEvents.TIMEOUT).until(() -> events.of(chat.chatId()).stream()
                .anyMatch(event -> event.envelope().type().equals("RepositoryImport")
                        && event.payload(RepositoryImport.class).state().equals(state)));
        return events.of(chat.chatId()).stream()
                .filter(event -> event.envelope().type().equals("RepositoryImport")
                        && event.payload(RepositoryImport.class).state().equals(state))
                .findFirst().orElseThrow();
    }

    private static RequestSpecification owner(ChatWorkspace chat) {
        return given().auth().oauth2(TestTokens.bearer(chat.tenant(), "user-1"));
    }
}
