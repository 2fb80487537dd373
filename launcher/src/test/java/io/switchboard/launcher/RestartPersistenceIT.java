package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/** Stop everything and start it again on the same data directory: chats, messages and seqs survive. */
class RestartPersistenceIT {

    private static final Path DATA_DIR = TestStacks.temporaryDataDir();

    @AfterAll
    static void deleteData() {
        TestStacks.deleteRecursively(DATA_DIR);
    }

    @Test
    void chatsAndMessagesSurviveARestart() {
        String chatId;
        String token;
        try (Stack first = Stack.start(TestStacks.settings(DATA_DIR, true))) {
            token = first.token("tenant-restart", "bob", Duration.ofHours(1));
            String projectId = given().baseUri(first.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\":\"durable\"}").post("/api/projects")
                    .then().statusCode(201).extract().path("id");
            chatId = given().baseUri(first.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{}").post("/api/projects/{id}/chats", projectId)
                    .then().statusCode(201).extract().path("id");
            send(first, token, chatId, "remember me");
            awaitMessages(first, token, chatId, 2);
        }

        try (Stack second = Stack.start(TestStacks.settings(DATA_DIR, true))) {
            given().baseUri(second.gatewayUrl()).auth().oauth2(token)
                    .get("/api/chats/{id}", chatId)
                    .then().statusCode(200).body("id", equalTo(chatId));
            List<String> contents = awaitMessages(second, token, chatId, 2);
            assertThat(contents.get(0)).isEqualTo("remember me");

            send(second, token, chatId, "and continue");
            awaitMessages(second, token, chatId, 4);
            List<Integer> seqs = given().baseUri(second.gatewayUrl()).auth().oauth2(token)
                    .get("/api/chats/{id}/messages", chatId).then().extract().path("seq");
            assertThat(seqs).as("the chat's stream numbering continues after the restart").isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    private static void send(Stack stack, String token, String chatId, String text) {
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"text\":\"" + text + "\"}").post("/api/chats/{id}/messages", chatId)
                .then().statusCode(202);
    }

    private static List<String> awaitMessages(Stack stack, String token, String chatId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/messages", chatId).then().extract().<List<Object>>path("").size() == count);
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/messages", chatId).then().extract().path("content");
    }
}
