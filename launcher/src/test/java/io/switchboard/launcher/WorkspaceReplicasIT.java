package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.GitCommandLine;

/**
 * Two replicas of git-workspace-service on one data directory and one database: chats of one project write and
 * commit through both at once, alternating, and every commit lands, in order, with a repository that
 * {@code git fsck} finds clean. The replicas queue on PostgreSQL advisory locks (RepositoryLocks); without them,
 * JGit's lock files make the losing replica fail its writes.
 */
class WorkspaceReplicasIT {

    private static final String TENANT = "tenant-replicas";
    private static final int CHATS = 3;
    private static final int ROUNDS = 6;

    @Test
    void chatsOfOneProjectCommitThroughTwoReplicasAtOnceWithoutLosingOrCorruptingAnything() throws Exception {
        Stack stack = TestStacks.shared();
        String token = stack.token(TENANT, "alice", Duration.ofHours(1));
        String projectId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "replicas")).post("/api/projects").then().statusCode(201).extract().path("id");
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < CHATS; i++) {
            String chat = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("title", "replica " + i)).post("/api/projects/{id}/chats", projectId)
                    .then().statusCode(201).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(stack.gatewayUrl())
                    .auth().oauth2(token).get("/api/chats/{id}/workspace", chat)
                    .then().statusCode(200).body("status", equalTo("READY")));
            chats.add(chat);
        }

        ServiceProcess second = stack.startExtra(ServiceName.WORKSPACE);
        List<String> replicas = List.of(stack.service(ServiceName.WORKSPACE).url(), second.url());
        ExecutorService pool = Executors.newFixedThreadPool(CHATS * 2);
        try {
            List<CompletableFuture<List<Integer>>> work = new ArrayList<>();
            for (String chat : chats) {
                // Two writers per chat, one per replica, each writing its own file and committing.
                for (int replica = 0; replica < 2; replica++) {
                    String url = replicas.get(replica);
                    String file = "replica-" + replica + ".txt";
                    work.add(CompletableFuture.supplyAsync(() -> rounds(url, token, chat, file), pool));
                }
            }
            for (CompletableFuture<List<Integer>> statuses : work) {
                assertThat(statuses.get(3, TimeUnit.MINUTES)).as("write and commit statuses").containsOnly(200);
            }
        } finally {
            pool.shutdownNow();
            second.stop();
        }

        Path repository = stack.infra().settings().dataDir().resolve("workspaces").resolve("projects")
                .resolve(projectId + ".git");
        assertThat(git(repository, "fsck", "--no-progress")).isEmpty();
        for (int i = 0; i < chats.size(); i++) {
            String branch = ChatBranchNames.of("replica-" + i, chats.get(i));
            for (int replica = 0; replica < 2; replica++) {
                assertThat(git(repository, "show", branch + ":replica-" + replica + ".txt"))
                        .containsExactly("round " + (ROUNDS - 1));
            }
            int commits = Integer.parseInt(git(repository, "rev-list", "--count", "main.." + branch).get(0));
            // Each round's commit may take the other writer's file too, so some commits find nothing new.
            assertThat(commits).isBetween(ROUNDS, 2 * ROUNDS);
        }
    }

    /** Writes the file and commits it, round after round, through one replica; the status of every request. */
    private static List<Integer> rounds(String url, String token, String chat, String file) {
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Response write = given().baseUri(url).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("path", file, "content", "round " + round + "\n"))
                    .put("/workspaces/{chatId}/file", chat);
            statuses.add(write.statusCode());
            Response commit = given().baseUri(url).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("message", file + " round " + round)).post("/workspaces/{chatId}/commits", chat);
            statuses.add(commit.statusCode());
        }
        return statuses;
    }

    private static List<String> git(Path repository, String... arguments) {
        GitCommandLine.Result result = GitCommandLine.withGitDir(repository, arguments);
        assertThat(result.exitValue()).as("git %s: %s", List.of(arguments), result.output()).isZero();
        return result.lines();
    }
}
