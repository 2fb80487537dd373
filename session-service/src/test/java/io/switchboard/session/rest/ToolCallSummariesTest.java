package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.ToolCallFailed;
import io.switchboard.events.chat.ToolCallResult;
import io.switchboard.events.chat.ToolCallStarted;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/** An answer carries the summary of its turn's tool calls: in the history, in an export, in copies and imports. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ToolCallSummariesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROBLEM = "application/problem+json";

    private final String tenant = "tools-" + UUID.randomUUID();
    private final String alice = TestTokens.bearer(tenant, "alice");

    @Test
    void theAnswerSummarisesItsToolCallsEverywhereItIsRead() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "tools");
        String chatId = ChatLifecycleTest.createChat(alice, projectId, "with tools");
        UUID turn = UUID.randomUUID();
        try (RawProducer producer = RawProducer.create()) {
            send(producer, Envelope.of(chatId, tenant, 1, turn, new TurnQueued("m1", "alice", "fix it", "offline", 0)));
            send(producer, Envelope.of(chatId, tenant, 2, turn, new TurnStarted("offline")));
            send(producer, Envelope.of(chatId, tenant, 3, turn,
                    new ToolCallStarted("c1", "read_file", JsonNodeFactory.instance.objectNode().put("path", "a"))));
            send(producer, Envelope.of(chatId, tenant, 4, turn, new ToolCallResult("c1", "contents")));
            Envelope second = Envelope.of(chatId, tenant, 5, turn,
                    new ToolCallStarted("c2", "run_tests", JsonNodeFactory.instance.objectNode()));
            send(producer, second);
            // Redelivered: still one call.
            send(producer, second);
            send(producer, Envelope.of(chatId, tenant, 6, turn, new ToolCallFailed("c2", "timed out")));
            send(producer, Envelope.of(chatId, tenant, 7, turn, new TurnCompleted("fixed", new TokenUsage(3, 4))));
        }

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}/messages", chatId).then().statusCode(200).body("$", hasSize(2)));
        given().auth().oauth2(alice).get("/chats/{id}/messages", chatId).then()
                .body("[0].role", equalTo("user")).body("[0].toolCalls", empty())
                .body("[1].role", equalTo("assistant"))
                .body("[1].toolCalls.tool", equalTo(List.of("read_file", "run_tests")))
                .body("[1].toolCalls.status", equalTo(List.of("succeeded", "failed")))
                .body("[1].toolCalls[1].error", equalTo("timed out"));

        String exported = given().auth().oauth2(alice).get("/chats/{id}/export", chatId).then().statusCode(200)
                .extract().asString();
        JsonPath file = JsonPath.from(exported);
        assertThat(file.getMap("messages[0]")).doesNotContainKey("toolCalls");
        assertThat(file.getList("messages[1].toolCalls", Map.class)).containsExactly(
                Map.of("tool", "read_file", "status", "succeeded"),
                Map.of("tool", "run_tests", "status", "failed", "error", "timed out"));

        String copy = given().auth().oauth2(alice).post("/chats/{id}/duplicate", chatId).then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(alice).get("/chats/{id}/messages", copy).then().statusCode(200)
                .body("[1].toolCalls.tool", equalTo(List.of("read_file", "run_tests")));

        String imported = given().auth().oauth2(alice).contentType(ContentType.JSON).body(exported)
                .post("/projects/{id}/chats/import", projectId).then().statusCode(201).extract().path("id");
        given().auth().oauth2(alice).get("/chats/{id}/messages", imported).then().statusCode(200)
                .body("[1].toolCalls.status", equalTo(List.of("succeeded", "failed")))
                .body("[1].toolCalls[1].error", equalTo("timed out"));
    }

    @Test
    void aChatFileWithToolCallsOnAQuestionOrOfAnUnknownOutcomeIsRefusedWhole() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "bad tools");
        String onQuestion = file("{\"turn\":1,\"role\":\"user\",\"status\":\"complete\",\"content\":\"q\","
                + "\"toolCalls\":[{\"tool\":\"read_file\",\"status\":\"succeeded\"}],"
                + "\"createdAt\":\"2026-12-01T10:00:00Z\"}");
        String badStatus = file("{\"turn\":1,\"role\":\"assistant\",\"status\":\"complete\",\"content\":\"a\","
                + "\"toolCalls\":[{\"tool\":\"read_file\",\"status\":\"maybe\"}],"
                + "\"createdAt\":\"2026-12-01T10:00:00Z\"}");
        String noTool = file("{\"turn\":1,\"role\":\"assistant\",\"status\":\"complete\",\"content\":\"a\","
                + "\"toolCalls\":[{\"status\":\"failed\",\"error\":\"x\\u0000\"}],"
                + "\"createdAt\":\"2026-12-01T10:00:00Z\"}");

        importing(projectId, onQuestion).body("violations.field", hasItem("messages[0].toolCalls"));
        importing(projectId, badStatus).body("violations.field", hasItem("messages[0].toolCalls[0].status"));
        importing(projectId, noTool).body("violations.field", hasItem("messages[0].toolCalls[0].tool"))
                .body("violations.field", hasItem("messages[0].toolCalls[0].error"));
        given().auth().oauth2(alice).get("/projects/{id}/chats", projectId).then().statusCode(200)
                .body("$", hasSize(1));
    }

    private ValidatableResponse importing(String projectId, String body) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                .post("/projects/{id}/chats/import", projectId).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:invalid-chat-file"));
    }

    private static String file(String message) {
        return "{\"format\":\"switchboard-chat\",\"version\":1,\"exportedAt\":\"2026-12-01T10:00:00Z\","
                + "\"chat\":{\"title\":\"t\",\"model\":\"offline\",\"status\":\"active\",\"pinned\":false,"
                + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"lastActivityAt\":\"2026-12-01T10:00:00Z\"},"
                + "\"messages\":[" + message + "]}";
    }

    private static void send(RawProducer producer, Envelope event) {
        producer.send(Topics.CHAT_EVENTS, event.chatId(), EventJson.toBytes(event));
    }
}
