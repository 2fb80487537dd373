package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.json.EventJson;

/** The gateway's REST API, as far as the benchmark needs it. */
final class GatewayApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            // Plain HTTP/1.1: the JDK's h2c upgrade attempt would only add a round trip per connection.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;
    private final String token;

    GatewayApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    String createProject(String name) {
        return post("/api/projects", EventJson.mapper().createObjectNode().put("name", name), 201).join()
                .path("id").asText();
    }

    /** Starts importing a repository the workspace service may read into the project. */
    void startImport(String projectId, String path) {
        post("/api/projects/" + projectId + "/import", EventJson.mapper().createObjectNode().put("path", path), 202)
                .join();
    }

    String createChat(String projectId, String title) {
        return post("/api/projects/" + projectId + "/chats", EventJson.mapper().createObjectNode().put("title", title),
                201).join().path("id").asText();
    }

    /** Completes once the gateway accepted the message (202), that is once the command is in Kafka. */
    CompletableFuture<Void> sendMessage(String chatId, String text) {
        return post("/api/chats/" + chatId + "/messages", EventJson.mapper().createObjectNode().put("text", text), 202)
                .thenApply(body -> null);
    }

    /** A split-pane view of the chats (one pane each), its id. */
    String createView(String name, String layout, String syncMode, List<String> chatIds) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("name", name).put("layout", layout)
                .put("syncMode", syncMode);
        chatIds.forEach(chatId -> body.withArray("panes").addObject().put("chatId", chatId));
        return post("/api/views", body, 201).join().path("id").asText();
    }

    /** The view the caller's clients show (UI state's last view). */
    void showView(String viewId) {
        send("PUT", "/api/ui-state/last-view", EventJson.mapper().createObjectNode().put("viewId", viewId), 200).join();
    }

    void openTab(String chatId) {
        post("/api/ui-state/tabs", EventJson.mapper().createObjectNode().put("chatId", chatId), 200).join();
    }

    /** An answer to a GET: its status and its body, which is null when it is not JSON. */
    record Got(int status, JsonNode body) {
    }

    /** A GET of a JSON resource; any status is returned, not thrown, so a probe can wait for the one it wants. */
    Got get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isEmpty() ? null : EventJson.mapper().readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return new Got(response.statusCode(), body);
        } catch (IOException e) {
            return new Got(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private CompletableFuture<JsonNode> post(String path, ObjectNode body, int expectedStatus) {
        return send("POST", path, body, expectedStatus);
    }

    private CompletableFuture<JsonNode> send(String method, String path, ObjectNode body, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ", expected "
                        + expectedStatus + ": " + response.body());
            }
            try {
                return response.body().isEmpty() ? EventJson.mapper().nullNode()
                        : EventJson.mapper().readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " answered with a body that is not JSON", e);
            }
        });
    }
}
