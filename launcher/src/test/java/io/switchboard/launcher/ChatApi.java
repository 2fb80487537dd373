package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.json.EventJson;

/** The gateway's REST API as one user of one tenant sees it, for the failure tests. */
final class ChatApi {

    private final String gatewayUrl;
    private final String token;

    ChatApi(String gatewayUrl, String token) {
        this.gatewayUrl = gatewayUrl;
        this.token = token;
    }

    String createProject(String name) {
        return created(() -> request().body(json(Map.of("name", name))).post("/api/projects"));
    }

    String createChat(String projectId, String title) {
        return created(() -> request().body(json(Map.of("title", title))).post("/api/projects/{id}/chats", projectId));
    }

    /** Sends a message with an Idempotency-Key; the HTTP status (202 when the command is durably in Kafka). */
    int send(String chatId, String idempotencyKey, String text) {
        return request().header("Idempotency-Key", idempotencyKey).body(json(Map.of("text", text)))
                .post("/api/chats/{id}/messages", chatId)
                .then().extract().statusCode();
    }

    /** The chat's finished messages, in conversation order. */
    JsonNode history(String chatId) {
        String body = request().get("/api/chats/{id}/messages?limit=500", chatId)
                .then().statusCode(200).extract().asString();
        try {
            return EventJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The history of chat " + chatId + " is not JSON: " + body, e);
        }
    }

    /**
     * The id of what the request created. Setting up is not what the failure tests test: on a loaded machine the
     * gateway may answer 503 when session-service is slow, and the request is then made again.
     */
    private static String created(Supplier<Response> request) {
        AtomicReference<Response> response = new AtomicReference<>();
        await("created").atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    response.set(request.get());
                    return response.get().statusCode() != 503;
                });
        return response.get().then().statusCode(201).extract().path("id");
    }

    private RequestSpecification request() {
        return given().baseUri(gatewayUrl).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String json(Map<String, String> body) {
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
