package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * Project membership through the gateway against the real services: a user of the same tenant finds nothing
 * until added, a viewer reads but cannot send, an editor's message is answered, and the tenant's admin reads
 * it all in the audit log.
 */
class ProjectMembershipIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROBLEM = "application/problem+json";

    private static Stack stack;
    private static String tenant;
    private static String alice;
    private static String bob;
    private static String admin;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        tenant = "tenant-members-" + UUID.randomUUID();
        alice = stack.token(tenant, "alice", Duration.ofHours(1));
        bob = stack.token(tenant, "bob", Duration.ofHours(1));
        admin = stack.token(tenant, "root", Set.of("user", "admin"), Duration.ofHours(1));
    }

    @Test
    void aViewerReadsButCannotSendAndAnEditorsMessageIsAnswered() {
        String projectId = as(alice).contentType(ContentType.JSON).body(Map.of("name", "team"))
                .post("/api/projects").then().statusCode(201).body("role", equalTo("owner")).extract().path("id");
        String chatId = as(alice).contentType(ContentType.JSON).body(Map.of("title", "shared"))
                .post("/api/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");

        as(bob).get("/api/chats/{id}", chatId).then().statusCode(404).contentType(PROBLEM);
        send(bob, chatId, "not yet").then().statusCode(404).contentType(PROBLEM);
        as(bob).get("/api/projects").then().statusCode(200).body("id", not(hasItem(projectId)));

        member(projectId, "bob", "viewer");
        as(bob).get("/api/chats/{id}", chatId).then().statusCode(200).body("title", equalTo("shared"));
        await().atMost(WAIT).untilAsserted(() -> send(bob, chatId, "viewer").then().statusCode(403)
                .contentType(PROBLEM).body("type", equalTo("urn:switchboard:problem:forbidden")));
        as(bob).post("/api/chats/{id}/archive", chatId).then().statusCode(403).contentType(PROBLEM);

        member(projectId, "bob", "editor");
        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            await().atMost(WAIT).untilAsserted(() -> send(bob, chatId, "/words 3\nfrom the editor").then()
                    .statusCode(202));
            events.awaitRecord(record -> chatId.equals(record.key())
                    && EventJson.fromBytes(record.value()).payload() instanceof TurnCompleted, WAIT);
        }

        List<String> actions = as(admin).get("/api/audit?projectId={id}", projectId).then().statusCode(200)
                .extract().path("action");
        assertThat(actions).containsExactly("member.role-changed", "member.added", "chat.created", "chat.created",
                "project.created");
        as(alice).get("/api/audit").then().statusCode(403).contentType(PROBLEM);
    }

    private static void member(String projectId, String userId, String role) {
        as(alice).contentType(ContentType.JSON).body(Map.of("role", role))
                .put("/api/projects/{id}/members/{user}", projectId, userId)
                .then().statusCode(200).body("role", equalTo(role));
    }

    private static Response send(String token, String chatId, String text) {
        return as(token).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/chats/{id}/messages", chatId);
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token);
    }
}
