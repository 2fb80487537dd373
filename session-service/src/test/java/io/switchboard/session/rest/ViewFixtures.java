package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /** Runs the calls on threads of their own, released at one moment; answers each call's status, in order. */
    static List<Integer> runTogether(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
