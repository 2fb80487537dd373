package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The gateway's proxies and broadcast against the real services: what the gateway's own JVM cannot show. */
class GatewayApiIT {

    private static Stack stack;
    private static String token;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        token = stack.token("tenant-api", "alice", Duration.ofHours(1));
    }

    @Test
    void theModelsComeFromChatServiceThroughTheGateway() {
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/models")
                .then().statusCode(200)
                .body("defaultModel", equalTo("offline"))
                .body("models.name", hasItem("offline"));
    }

    @Test
    void aChatsWorkspaceComesFromTheWorkspaceServiceWithTheCallersToken() {
        String chat = createChat(createProject("workspace"), "with a branch");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/chats/{id}/workspace", chat)
                        .then().statusCode(200)
                        .body("chatId", equalTo(chat))
                        .body("branch", equalTo("switchboard/" + chat))
                        .body("status", equalTo("READY")));
        String head = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/workspace", chat).then().extract().path("headCommit");
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/chats/{id}/workspace/branch", chat)
                .then().statusCode(200).body("headCommit", equalTo(head));

        given().baseUri(stack.gatewayUrl()).auth().oauth2(stack.token("tenant-other", "mallory", Duration.ofHours(1)))
                .get("/api/chats/{id}/workspace", chat)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aProjectBroadcastReachesEveryChatOfTheProjectAndEachAnswers() {
        String projectId = createProject("broadcast");
        String left = createChat(projectId, "left");
        String right = createChat(projectId, "right");

        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("projectId", projectId, "text", "broadcast question"))
                .post("/api/broadcast")
                .then().statusCode(202)
                .body("messages", hasSize(2))
                .body("messages.chatId", containsInAnyOrder(left, right));

        for (String chat : new String[] {left, right}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath history = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                        .get("/api/chats/{id}/messages", chat).then().statusCode(200).extract().jsonPath();
                assertThat(history.getList("content", String.class)).hasSize(2).first()
                        .isEqualTo("broadcast question");
                assertThat(history.getList("role", String.class)).containsExactly("user", "assistant");
            });
        }
    }

    private static String createProject(String name) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/projects")
                .then().statusCode(201).extract().path("id");
    }

    private static String createChat(String projectId, String title) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", title)).post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
    }
}
