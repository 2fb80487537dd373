package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the view and UI-state tests set up through the API, and the chat deletion they make in the database. */
final class ViewFixtures {

    private ViewFixtures() {
    }

    static String project(String token) {
        return ProjectAndChatResourceTest.createProject(token, "views " + UUID.randomUUID());
    }

    static String chat(String token, String projectId, String model) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("model", model))
                .post("/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath view(String token, String viewId) {
        return given().auth().oauth2(token).get("/views/{id}", viewId).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Deletes the chat row as the chat delete of session-service will (being built elsewhere): messages first,
     * then the chat, in one statement each. Whatever points at the chat must follow by itself.
     */
    static void deleteChatRow(Pool pool, String chatId) {
        UUID id = UUID.fromString(chatId);
        pool.preparedQuery("DELETE FROM message WHERE chat_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(30));
        pool.preparedQuery("DELETE FROM chat WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(30));
    }
}
