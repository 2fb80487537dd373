package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The agent tools' path end to end: a chat made through the gateway gets its branch, and
 * git-workspace-service serves its working directory to a service token acting for the chat's
 * tenant, with the very requests chat-service's AgentToolbox sends (same endpoints, parameters,
 * bearer and X-Switchboard-Tenant header). The commit closing a turn reaches WebSocket subscribers
 * as Committed on the chat's workspace stream.
 */
class AgentWorkspaceToolsIT {

    private static final String TENANT = "tenant-tools";
    private static final String TENANT_HEADER = "X-Switchboard-Tenant";

    private static Stack stack;
    private static String userToken;
    private static String serviceToken;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        userToken = stack.token(TENANT, "alice", Duration.ofHours(1));
        serviceToken = stack.serviceTokens().tokenFor(Stack.CHAT_CLIENT).orElseThrow();
    }

    @Test
    void aServiceTokenWorksInTheChatsDirectoryAndItsCommitReachesSubscribers() {
        String projectId = createProject("tools");
        String chatId = createChat(projectId, "agent at work");
        UUID turnId = UUID.randomUUID();

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), userToken)) {
            socket.subscribe(chatId);
            JsonNode ready = awaitWorkspaceEvent(socket, chatId, "WorkspaceReady");
            assertThat(ready.at("/payload/branch").asText()).isEqualTo(ChatBranchNames.of("agent-at-work", chatId));

            // list_files on a fresh chat: the branch's tree, which starts empty.
            asAgent(chatId).queryParam("recursive", false).get("/workspaces/{chatId}/files")
                    .then().statusCode(200).body("entries", empty());
            // write_file
            asAgent(chatId).contentType(ContentType.JSON)
                    .body(Map.of("path", "docs/plan.md", "content", "# Plan\n- write tests\n"))
                    .put("/workspaces/{chatId}/file")
                    .then().statusCode(200).body("created", equalTo(true)).body("size", equalTo(21));
            // read_file with a line range
            asAgent(chatId).queryParam("path", "docs/plan.md").queryParam("fromLine", 2).queryParam("maxLines", 1)
                    .get("/workspaces/{chatId}/file")
                    .then().statusCode(200).body("content", equalTo("- write tests\n")).body("totalLines", equalTo(2));
            // search
            asAgent(chatId).queryParam("query", "TESTS").queryParam("regex", false).queryParam("ignoreCase", true)
                    .queryParam("glob", "*.md").get("/workspaces/{chatId}/search")
                    .then().statusCode(200)
                    .body("matches.path", contains("docs/plan.md")).body("matches[0].line", equalTo(2));
            // show_diff
            asAgent(chatId).queryParam("againstDefault", true).get("/workspaces/{chatId}/diff")
                    .then().statusCode(200)
                    .body("uncommitted.files.path", contains("docs/plan.md"))
                    .body("uncommitted.patch", containsString("+# Plan"))
                    .body("defaultBranch", equalTo("main"))
                    .body("againstDefault.files", empty());
            // A refused request is a problem the toolbox hands to the model.
            asAgent(chatId).contentType(ContentType.JSON).body(Map.of("path", "../outside.txt", "content", "x"))
                    .put("/workspaces/{chatId}/file")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("leaves the working directory"));

            // commitTurn
            String commit = asAgent(chatId).contentType(ContentType.JSON)
                    .body(Map.of("message", "Plan the work", "turnId", turnId.toString()))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200).body("committed", equalTo(true)).body("files", equalTo(1))
                    .extract().path("commit");

            JsonNode committed = awaitWorkspaceEvent(socket, chatId, "Committed");
            assertThat(committed.path("chatId").asText()).isEqualTo(chatId);
            assertThat(committed.path("turnId").asText()).isEqualTo(turnId.toString());
            assertThat(committed.path("seq").asLong()).isEqualTo(ready.path("seq").asLong() + 1);
            assertThat(committed.at("/payload/commit").asText()).isEqualTo(commit);
            assertThat(committed.at("/payload/message").asText()).isEqualTo("Plan the work");

            asAgent(chatId).contentType(ContentType.JSON).body(Map.of("message", "Nothing new"))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200).body("committed", equalTo(false)).body("commit", equalTo(commit));
            asAgent(chatId).queryParam("againstDefault", true).get("/workspaces/{chatId}/diff")
                    .then().statusCode(200)
                    .body("uncommitted.files", empty())
                    .body("againstDefault.files.path", contains("docs/plan.md"));
        }
        // The user sees the branch move through the workspace service too.
        given().baseUri(workspaceUrl()).auth().oauth2(userToken)
                .get("/workspaces/{chatId}/branch", chatId)
                .then().statusCode(200).body("headCommit", equalTo(lastCommitOf(chatId)));
    }

    @Test
    void twoChatsOfOneProjectKeepTheirOwnFiles() {
        String projectId = createProject("two agents");
        String left = createChat(projectId, "left");
        String right = createChat(projectId, "right");
        awaitReady(left);
        awaitReady(right);

        write(left, "app.conf", "mode=left\n");
        write(right, "app.conf", "mode=right\n");

        assertThat(read(left, "app.conf")).isEqualTo("mode=left\n");
        assertThat(read(right, "app.conf")).isEqualTo("mode=right\n");
        asAgent(right).queryParam("query", "left").get("/workspaces/{chatId}/search")
                .then().statusCode(200).body("matches", empty());
    }

    @Test
    void anotherTenantsChatIsNotFoundForTheServiceAndForUsers() {
        String projectId = createProject("private tools");
        String chatId = createChat(projectId, "secret work");
        awaitReady(chatId);
        write(chatId, "secret.txt", "classified\n");

        for (RequestSpecification intruder : List.of(
                given().auth().oauth2(serviceToken).header(TENANT_HEADER, "tenant-other"),
                given().auth().oauth2(stack.token("tenant-other", "mallory", Duration.ofHours(1))))) {
            intruder.baseUri(workspaceUrl()).queryParam("path", "secret.txt")
                    .get("/workspaces/{chatId}/file", chatId)
                    .then().statusCode(404).contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("does not exist"));
        }
        // A user's token cannot borrow the service's header.
        given().baseUri(workspaceUrl()).auth().oauth2(stack.token("tenant-other", "mallory", Duration.ofHours(1)))
                .header(TENANT_HEADER, TENANT).queryParam("path", "secret.txt")
                .get("/workspaces/{chatId}/file", chatId)
                .then().statusCode(403).body("type", equalTo("urn:switchboard:problem:not-a-service-token"));
        assertThat(read(chatId, "secret.txt")).isEqualTo("classified\n");
    }

    private static RequestSpecification asAgent(String chatId) {
        return given().baseUri(workspaceUrl())
                .auth().oauth2(serviceToken)
                .header(TENANT_HEADER, TENANT)
                .pathParam("chatId", chatId);
    }

    private static void write(String chatId, String path, String content) {
        asAgent(chatId).contentType(ContentType.JSON).body(Map.of("path", path, "content", content))
                .put("/workspaces/{chatId}/file").then().statusCode(200);
    }

    private static String read(String chatId, String path) {
        return asAgent(chatId).queryParam("path", path).get("/workspaces/{chatId}/file")
                .then().statusCode(200).extract().path("content");
    }

    private static String lastCommitOf(String chatId) {
        return asAgent(chatId).get("/workspaces/{chatId}").then().statusCode(200).extract().path("headCommit");
    }

    /** WorkspaceReady has been consumed and applied: the workspace service knows the chat's branch. */
    private static void awaitReady(String chatId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> asAgent(chatId).get("/workspaces/{chatId}")
                .then().extract().statusCode() == 200);
        asAgent(chatId).get("/workspaces/{chatId}").then().body("status", equalTo("READY"));
    }

    private static JsonNode awaitWorkspaceEvent(SocketClient socket, String chatId, String type) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> socket.events("workspace", chatId).stream()
                        .filter(event -> event.path("type").asText().equals(type))
                        .findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    private static String workspaceUrl() {
        return stack.service(ServiceName.WORKSPACE).url();
    }

    private static String createProject(String name) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(userToken).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/projects")
                .then().statusCode(201).extract().path("id");
    }

    private static String createChat(String projectId, String title) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(userToken).contentType(ContentType.JSON)
                .body(Map.of("title", title))
                .post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
    }
}
