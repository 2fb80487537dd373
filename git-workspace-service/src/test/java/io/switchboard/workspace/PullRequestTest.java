package io.switchboard.workspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.workspace.PullRequestOpened;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.events.workspace.WorkspaceFailed;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.service.PullRequestRefresh;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Pull requests on GitHub: GitHub's API answers as recorded (WireMock), and chat branches go to a real git server
 * that checks the token and runs hooks, so a push is checked with the git command-line client.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
@WithTestResource(GitHubStub.class)
class PullRequestTest {

    private static final String REPO_PATH = "/repos/" + GitHubStub.REPOSITORY;

    @Inject
    PullRequestRefresh refresh;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool superuser;

    private final WireMockServer github = GitHubStub.api();

    @BeforeEach
    void resetGitHub() {
        github.resetAll();
        github.stubFor(get(REPO_PATH).withHeader("Authorization", equalTo("Bearer " + GitHubStub.TOKEN))
                .willReturn(json(200, "repository.json")));
    }

    @Test
    void connectingTriesTheTokenOnGitHubAndNeverShowsOrStoresItInTheClear() {
        ChatWorkspace chat = ChatWorkspace.create();
        String body = project(chat).contentType("application/json")
                .body(Map.of("repository", GitHubStub.REPOSITORY, "token", GitHubStub.TOKEN))
                .put("/projects/{projectId}/github")
                .then().statusCode(200)
                .body("repository", is(GitHubStub.REPOSITORY))
                .body("defaultBranch", is("main"))
                .extract().asString();
        assertThat(body).doesNotContain(GitHubStub.TOKEN);
        project(chat).get("/projects/{projectId}/github").then().statusCode(200)
                .body(not(containsString(GitHubStub.TOKEN)));
        github.verify(getRequestedFor(urlEqualTo(REPO_PATH))
                .withHeader("Authorization", equalTo("Bearer " + GitHubStub.TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));

        String sealed = superuser.preparedQuery("select sealed_token from project_github where project_id = $1")
                .execute(Tuple.of(chat.projectId())).await().indefinitely().iterator().next().getString(0);
        assertThat(sealed).startsWith("v1:").doesNotContain(GitHubStub.TOKEN);

        project(chat).delete("/projects/{projectId}/github").then().statusCode(204);
        project(chat).get("/projects/{projectId}/github").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenGitHubRefusesIsA422AndNothingIsStored() {
        ChatWorkspace chat = ChatWorkspace.create();
        github.stubFor(get(REPO_PATH).withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(json(401, "bad-credentials.json")));
        project(chat).contentType("application/json")
                .body(Map.of("repository", GitHubStub.REPOSITORY, "token", "revoked-token"))
                .put("/projects/{projectId}/github")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", is("urn:switchboard:problem:github-token-rejected"))
                .body(not(containsString("revoked-token")));
        project(chat).get("/projects/{projectId}/github").then().statusCode(404);
    }

    @Test
    void openingPushesTheBranchAndOpensThePullRequestOnce() {
        ChatWorkspace chat = connectedChatWithACommit();
        github.stubFor(post(REPO_PATH + "/pulls").willReturn(json(201, "pull-request-open.json")));

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            chat.asOwner().contentType("application/json")
                    .body(Map.of("title", "Add the greeting", "body", "Made in a Switchboard chat."))
                    .post("/workspaces/{chatId}/pull-request")
                    .then().statusCode(201)
                    .body("number", is(7))
                    .body("url", is("https://github.com/octo-org/hello-world/pull/7"))
                    .body("state", is("open"))
                    .body("branch", is(chat.branch()))
                    .body("baseBranch", is("main"));

            // The git host has the chat's branch at the chat's head, by the git command-line client.
            String head = chat.asOwner().get("/workspaces/{chatId}/branch").then().statusCode(200)
                    .extract().path("headCommit");
            assertThat(SourceRepositories.head(GitHubStub.bare(), "refs/heads/" + chat.branch())).isEqualTo(head);
            github.verify(postRequestedFor(urlEqualTo(REPO_PATH + "/pulls"))
                    .withHeader("Authorization", equalTo("Bearer " + GitHubStub.TOKEN))
                    .withRequestBody(equalToJson("{\"title\": \"Add the greeting\", \"body\": \"Made in a "
                            + "Switchboard chat.\", \"head\": \"" + chat.branch() + "\", \"base\": \"main\"}")));

            Published opened = events.awaitEvent(chat.chatId(), "PullRequestOpened");
            assertThat(opened.key()).isEqualTo(chat.chatId());
            assertThat(opened.payload(PullRequestOpened.class)).isEqualTo(new PullRequestOpened(chat.projectId(),
                    GitHubStub.REPOSITORY, 7, "https://github.com/octo-org/hello-world/pull/7", "Add the greeting",
                    chat.branch(), "main"));
        }
        chat.asOwner().get("/workspaces/{chatId}/pull-request").then().statusCode(200)
                .body("number", is(7));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Again"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", is("urn:switchboard:problem:pull-request-exists"));
        github.verify(1, postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")));
    }

    @Test
    void aMergeOnGitHubIsReadOnRequestAndAnnouncedOnce() {
        ChatWorkspace chat = chatWithOpenPullRequest();
        github.stubFor(get(REPO_PATH + "/pulls/7").willReturn(json(200, "pull-request-merged.json")));
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            chat.asOwner().post("/workspaces/{chatId}/pull-request/refresh").then().statusCode(200)
                    .body("state", is("merged"));
            Published updated = events.awaitEvent(chat.chatId(), "PullRequestUpdated");
            assertThat(updated.key()).isEqualTo(chat.chatId());
            assertThat(updated.payload(PullRequestUpdated.class).state()).isEqualTo(PullRequestUpdated.MERGED);
            assertThat(updated.payload(PullRequestUpdated.class).previousState()).isEqualTo(PullRequestUpdated.OPEN);

            chat.asOwner().post("/workspaces/{chatId}/pull-request/refresh").then().statusCode(200)
                    .body("state", is("merged"));
            github.verify(2, getRequestedFor(urlEqualTo(REPO_PATH + "/pulls/7")));
            assertThat(events.of(chat.chatId()).stream()
                    .filter(published -> published.envelope().type().equals("PullRequestUpdated"))).hasSize(1);
        }
        // Merged, the chat may open a new one.
        github.stubFor(post(REPO_PATH + "/pulls").willReturn(json(201, "pull-request-open.json")));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Follow-up"))
                .post("/workspaces/{chatId}/pull-request").then().statusCode(201);
    }

    @Test
    void theScheduledRefreshFindsPullRequestsClosedOnGitHub() {
        ChatWorkspace chat = chatWithOpenPullRequest();
        superuser.preparedQuery("update pull_request set checked_at = now() - interval '1 day' where chat_id = $1")
                .execute(Tuple.of(chat.id())).await().indefinitely();
        github.stubFor(get(REPO_PATH + "/pulls/7").willReturn(json(200, "pull-request-closed.json")));
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            assertThat(refresh.refreshDue().await().atMost(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
            assertThat(events.awaitEvent(chat.chatId(), "PullRequestUpdated").payload(PullRequestUpdated.class)
                    .state()).isEqualTo(PullRequestUpdated.CLOSED);
        }
        chat.asOwner().get("/workspaces/{chatId}/pull-request").then().statusCode(200)
                .body("state", is("closed"));
    }

    @Test
    void archivingClosesThePullRequestWhenTheProjectAsks() {
        ChatWorkspace chat = chatWithOpenPullRequest();
        project(chat).contentType("application/json").body(Map.of("closePullRequestsOnArchive", true))
                .put("/projects/{projectId}/settings")
                .then().statusCode(200)
                .body("closePullRequestsOnArchive", is(true))
                .body("keepBranchesOnDelete", is(false));
        github.stubFor(patch(urlEqualTo(REPO_PATH + "/pulls/7")).willReturn(json(200, "pull-request-closed.json")));
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(Envelope.of(chat.chatId(), chat.tenant(), 2, null,
                    new ChatArchived(chat.projectId())));
            Published updated = events.awaitEvent(chat.chatId(), "PullRequestUpdated");
            assertThat(updated.payload(PullRequestUpdated.class).state()).isEqualTo(PullRequestUpdated.CLOSED);
        }
        github.verify(patchRequestedFor(urlEqualTo(REPO_PATH + "/pulls/7"))
                .withRequestBody(equalToJson("{\"state\": \"closed\"}")));
    }

    @Test
    void aProtectedBranchRefusesThePushAndNoPullRequestIsAskedFor() {
        ChatWorkspace chat = connectedChatWithACommit();
        GitHubStub.git().protect(GitHubStub.bare(), chat.branch());
        chat.asOwner().contentType("application/json").body(Map.of("title", "Add the greeting"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", is("urn:switchboard:problem:push-rejected"))
                .body("detail", containsString("protected branch hook declined"));
        assertThat(GitCli.succeeds(GitHubStub.bare(), "rev-parse", "--verify", "refs/heads/" + chat.branch()))
                .isFalse();
        github.verify(0, postRequestedFor(urlEqualTo(REPO_PATH + "/pulls")));
        chat.asOwner().get("/workspaces/{chatId}/pull-request").then().statusCode(404);
    }

    @Test
    void gitHubsRateLimitAndRefusalsAreProblemsTheUserCanActOn() {
        ChatWorkspace chat = connectedChatWithACommit();
        github.stubFor(post(REPO_PATH + "/pulls").willReturn(json(403, "rate-limited.json")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1796601600")));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Add the greeting"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", is("urn:switchboard:problem:github-rate-limited"))
                .body("detail", containsString("2026-12-07T00:00:00Z"));

        github.stubFor(post(REPO_PATH + "/pulls").willReturn(json(422, "no-commits.json")));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Add the greeting"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", is("urn:switchboard:problem:github-refused"))
                .body("detail", containsString("No commits between main and"));

        github.stubFor(post(REPO_PATH + "/pulls").willReturn(json(422, "already-exists.json")));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Add the greeting"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(409)
                .body("type", is("urn:switchboard:problem:pull-request-exists"));

        github.stubFor(post(REPO_PATH + "/pulls").willReturn(aResponse().withStatus(502)));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Add the greeting"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(502)
                .body("type", is("urn:switchboard:problem:github-unavailable"));
        chat.asOwner().get("/workspaces/{chatId}/pull-request").then().statusCode(404);
    }

    @Test
    void badRequestsAndOtherTenantsAreRefused() {
        ChatWorkspace chat = ChatWorkspace.create();
        String[] badConnects = {"{}", "{\"repository\":\"octo-org/hello-world\"}", "[1]",
                "{\"repository\":\"../etc\",\"token\":\"t\"}", "{\"repository\":\"a/b/c\",\"token\":\"t\"}",
                "{\"repository\":\"octo-org/..\",\"token\":\"t\"}",
                "{\"repository\":\"octo-org/hello-world\",\"token\":\"has space\"}",
                "{\"repository\":\"octo-org/hello-world\",\"token\":\"nul\\u0000\"}",
                "{\"repository\":\"octo-org/hello-world\",\"token\":\"" + "x".repeat(256) + "\"}",
                "{\"repository\":\"octo-org/hello-world\",\"token\":7}",
                "[".repeat(5000)};
        for (String body : badConnects) {
            project(chat).contentType("application/json").body(body).put("/projects/{projectId}/github")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        String[] badOpens = {"{}", "{\"title\":\"  \"}", "{\"title\":\"two\\nlines\"}",
                "{\"title\":\"" + "t".repeat(257) + "\"}",
                "{\"title\":\"ok\",\"body\":\"" + "b".repeat(65_537) + "\"}",
                "{\"title\":7}", "{\"title\":[\"a\"]}", "{\"title\":\"half \\ud800 a character\"}",
                "{\"title\":\"nul \\u0000\"}", "{\"title\":\"ok\",\"body\":\"nul \\u0000\"}",
                "{\"title\":\"ok\",\"body\":\"half \\udc00\"}", "{\"title\":\"ok\",\"body\":{}}",
                "[".repeat(5000), "{\"title\":", "not json"};
        for (String body : badOpens) {
            Response refused = chat.asOwner().contentType("application/json").body(body)
                    .post("/workspaces/{chatId}/pull-request");
            assertThat(refused.statusCode()).as("status for %.60s", body).isEqualTo(400);
            assertThat(refused.contentType()).as("content type for %.60s", body).startsWith("application/problem+json");
        }
        chat.asOwner().contentType("application/json").body(Map.of("title", "No remote"))
                .post("/workspaces/{chatId}/pull-request")
                .then().statusCode(409)
                .body("type", is("urn:switchboard:problem:no-github-repository"));

        ChatWorkspace theirs = chatWithOpenPullRequest();
        String neighbour = TestTokens.bearer(chat.tenant(), "user-1");
        RestAssured.given().auth().oauth2(neighbour).get("/workspaces/{chatId}/pull-request", theirs.chatId())
                .then().statusCode(404);
        RestAssured.given().auth().oauth2(neighbour)
                .post("/workspaces/{chatId}/pull-request/refresh", theirs.chatId()).then().statusCode(404);
        RestAssured.given().auth().oauth2(neighbour).get("/projects/{projectId}/github", theirs.projectId())
                .then().statusCode(404);
        RestAssured.given().auth().oauth2(neighbour).contentType("application/json")
                .body(Map.of("repository", GitHubStub.REPOSITORY, "token", GitHubStub.TOKEN))
                .put("/projects/{projectId}/github", theirs.projectId()).then().statusCode(404);
        // Still answered for its owner.
        theirs.asOwner().get("/workspaces/{chatId}/pull-request").then().statusCode(200);
    }

    @Test
    void aChatStartsFromTheHeadOfAnOpenPullRequestFetchedFromGitHub() {
        ChatWorkspace author = chatWithOpenPullRequest();
        String head = SourceRepositories.head(GitHubStub.bare(), "refs/heads/" + author.branch());
        // GitHub keeps every pull request's head under refs/pull/<number>/head.
        SourceRepositories.git(GitHubStub.bare(), "update-ref", "refs/pull/7/head", head);
        github.stubFor(get(REPO_PATH + "/pulls/7").willReturn(json(200, "pull-request-open.json")));
        github.stubFor(get(REPO_PATH + "/pulls/8").willReturn(json(200, "pull-request-closed.json")));

        // A reviewer's project of the same tenant, connected to the same repository: the commit must be fetched.
        ChatWorkspace reviewer = ChatWorkspace.create(author.tenant(), UUID.randomUUID());
        project(reviewer).contentType("application/json")
                .body(Map.of("repository", GitHubStub.REPOSITORY, "token", GitHubStub.TOKEN))
                .put("/projects/{projectId}/github").then().statusCode(200);
        String fromOpen = UUID.randomUUID().toString();
        String fromClosed = UUID.randomUUID().toString();
        String unconnected = UUID.randomUUID().toString();
        ChatWorkspace elsewhere = ChatWorkspace.create(author.tenant(), UUID.randomUUID());
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.createdFromPullRequest(fromOpen, author.tenant(),
                    reviewer.projectId(), 7));
            LifecycleEvents.send(LifecycleEvents.createdFromPullRequest(fromClosed, author.tenant(),
                    reviewer.projectId(), 8));
            LifecycleEvents.send(LifecycleEvents.createdFromPullRequest(unconnected, author.tenant(),
                    elsewhere.projectId(), 7));

            Published ready = events.awaitEvent(fromOpen, "WorkspaceReady");
            assertThat(ready.key()).isEqualTo(fromOpen);
            assertThat(ready.payload(WorkspaceReady.class).headCommit()).isEqualTo(head);
            assertThat(events.awaitEvent(fromClosed, "WorkspaceFailed").payload(WorkspaceFailed.class).reason())
                    .contains("pull request #8 is closed");
            assertThat(events.awaitEvent(unconnected, "WorkspaceFailed").payload(WorkspaceFailed.class).reason())
                    .contains("not connected to a GitHub repository");
        }
    }

    private ChatWorkspace chatWithOpenPullRequest() {
        ChatWorkspace chat = connectedChatWithACommit();
        github.stubFor(post(REPO_PATH + "/pulls").willReturn(json(201, "pull-request-open.json")));
        chat.asOwner().contentType("application/json").body(Map.of("title", "Add the greeting"))
                .post("/workspaces/{chatId}/pull-request").then().statusCode(201);
        return chat;
    }

    private ChatWorkspace connectedChatWithACommit() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("greeting.txt", "hello " + UUID.randomUUID() + "\n");
        chat.asOwner().contentType("application/json").body(Map.of("message", "Add the greeting"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200);
        project(chat).contentType("application/json")
                .body(Map.of("repository", GitHubStub.REPOSITORY, "token", GitHubStub.TOKEN))
                .put("/projects/{projectId}/github").then().statusCode(200);
        return chat;
    }

    private static RequestSpecification project(ChatWorkspace chat) {
        return RestAssured.given().auth().oauth2(TestTokens.bearer(chat.tenant(), "user-1"))
                .pathParam("projectId", chat.projectId());
    }

    private static ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(GitHubStub.recorded(file));
    }
}
