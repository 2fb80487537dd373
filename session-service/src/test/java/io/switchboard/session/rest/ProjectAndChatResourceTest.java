package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RecordCollector;

@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ProjectAndChatResourceTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");
    private final String mallory = TestTokens.bearer("tenant-b", "mallory");

    @Test
    void createsAChatAndAnnouncesItOnTheLifecycleTopicKeyedByChatId() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String projectId = createProject(alice, "demo");
            String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"title\":\"Refactor\",\"model\":\"offline\"}")
                    .post("/projects/{id}/chats", projectId)
                    .then().statusCode(201)
                    .header("Location", containsString("/chats/"))
                    .body("title", equalTo("Refactor")).body("status", equalTo("active"))
                    .extract().path("id");

            ConsumerRecord<String, byte[]> record = lifecycle.awaitRecord(r -> chatId.equals(r.key()),
                    Duration.ofSeconds(20));
            Envelope event = EventJson.fromBytes(record.value());
            assertThat(record.key()).isEqualTo(event.chatId()).isEqualTo(chatId);
            assertThat(event.seq()).isEqualTo(1);
            assertThat(event.tenantId()).isEqualTo("tenant-a");
            assertThat(event.payloadAs(ChatCreated.class).projectId()).hasToString(projectId);
            assertThat(event.payloadAs(ChatCreated.class).userId()).isEqualTo("alice");
            assertThat(event.payloadAs(ChatCreated.class).fromBranch()).isNull();

            given().auth().oauth2(alice).get("/chats/{id}", chatId)
                    .then().statusCode(200).body("projectId", equalTo(projectId)).body("model", equalTo("offline"));
            given().auth().oauth2(alice).get("/projects/{id}/chats", projectId)
                    .then().statusCode(200).body("id", hasSize(2)).body("isDefault", hasItem(true));
        }
    }

    @Test
    void aCreationRepeatedWithItsIdempotencyKeyReturnsTheSameChatAndAnnouncesItOnce() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String projectId = createProject(alice, "retries");
            String key = "create-" + UUID.randomUUID();
            String first = given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"title\":\"Once\"}").post("/projects/{id}/chats", projectId)
                    .then().statusCode(201).extract().path("id");
            String again = given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"title\":\"Once\"}").post("/projects/{id}/chats", projectId)
                    .then().statusCode(200).body("title", equalTo("Once")).extract().path("id");
            assertThat(again).isEqualTo(first);
            given().auth().oauth2(alice).get("/projects/{id}/chats", projectId)
                    .then().statusCode(200).body("id", hasSize(2)).body("isDefault", hasItem(true));

            String otherProject = createProject(alice, "elsewhere");
            given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{}").post("/projects/{id}/chats", otherProject)
                    .then().statusCode(409).contentType("application/problem+json");
            // The same key in another tenant is another tenant's business.
            given().auth().oauth2(TestTokens.bearer("tenant-b", "bob")).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body("{}")
                    .post("/projects/{id}/chats", createProject(TestTokens.bearer("tenant-b", "bob"), "b"))
                    .then().statusCode(201);
            given().auth().oauth2(alice).contentType(ContentType.JSON).header("Idempotency-Key", "bad key")
                    .body("{}").post("/projects/{id}/chats", projectId)
                    .then().statusCode(400).contentType("application/problem+json");

            lifecycle.awaitRecord(r -> first.equals(r.key()), Duration.ofSeconds(20));
            String marker = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                    .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
            lifecycle.awaitRecord(r -> marker.equals(r.key()), Duration.ofSeconds(20));
            assertThat(lifecycle.records()).filteredOn(r -> first.equals(r.key())).hasSize(1);
        }
    }

    @Test
    void aChatWithoutTitleOrModelGetsTheDefaults() {
        String projectId = createProject(alice, "defaults");

        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId)
                .then().statusCode(201).body("title", equalTo("New chat")).body("model", equalTo("offline"));
    }

    @Test
    void anotherTenantsProjectsAndChatsAreNotFound() {
        String projectId = createProject(alice, "mine");
        String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");

        given().auth().oauth2(mallory).get("/projects/{id}", projectId)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(mallory).get("/chats/{id}", chatId)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", not(containsString("tenant-a")));
        given().auth().oauth2(mallory).get("/chats/{id}/messages", chatId).then().statusCode(404);
        given().auth().oauth2(mallory).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId).then().statusCode(404);
        given().auth().oauth2(mallory).get("/projects")
                .then().statusCode(200).body("id", not(org.hamcrest.Matchers.hasItem(projectId)));
    }

    @Test
    void requestsWithoutAValidTokenAreRejected() {
        given().get("/projects").then().statusCode(401);
        given().auth().oauth2(alice + "tampered").get("/projects").then().statusCode(401);
    }

    @Test
    void aChatMayStartFromANamedBranchWhichMustLookLikeOne() {
        String projectId = createProject(alice, "branches");
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"title\":\"On a feature\",\"fromBranch\":\"feature/login-2\"}")
                    .post("/projects/{id}/chats", projectId)
                    .then().statusCode(201).extract().path("id");
            Envelope event = EventJson.fromBytes(lifecycle.awaitRecord(r -> chatId.equals(r.key()),
                    Duration.ofSeconds(20)).value());
            assertThat(event.payloadAs(ChatCreated.class).fromBranch()).isEqualTo("feature/login-2");
        }
        for (String bad : new String[] {"a..b", "-rf", "/abs", "trailing/", "x.lock", "a b", "a\\u0000b", "@{-1}",
                "end.", "a//b", "\\u00e9t\\u00e9", "x".repeat(256)}) {
            given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"fromBranch\":\"" + bad + "\"}")
                    .post("/projects/{id}/chats", projectId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("fromBranch"));
        }
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"fromBranch\":42}")
                .post("/projects/{id}/chats", projectId)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aChatMayStartFromAPullRequestButNotFromABranchAsWell() {
        String projectId = createProject(alice, "pull requests");
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body("{\"title\":\"Review #42\",\"fromPullRequest\":42}")
                    .post("/projects/{id}/chats", projectId)
                    .then().statusCode(201).extract().path("id");
            Envelope event = EventJson.fromBytes(lifecycle.awaitRecord(r -> chatId.equals(r.key()),
                    Duration.ofSeconds(20)).value());
            assertThat(event.payloadAs(ChatCreated.class).fromPullRequest()).isEqualTo(42);
            assertThat(event.payloadAs(ChatCreated.class).fromBranch()).isNull();
        }
        for (String bad : new String[] {"{\"fromPullRequest\":0}", "{\"fromPullRequest\":-3}",
                "{\"fromPullRequest\":\"7\"}", "{\"fromPullRequest\":1.5}", "{\"fromPullRequest\":99999999999}",
                "{\"fromPullRequest\":7,\"fromBranch\":\"main\"}"}) {
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(bad)
                    .post("/projects/{id}/chats", projectId)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void invalidInputGetsAProblemBody() {
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"  \"}")
                .post("/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid request")).body("violations[0].field", equalTo("name"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":")
                .post("/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"model\":\"no spaces allowed\"}")
                .post("/projects/{id}/chats", createProject(alice, "strict"))
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).get("/chats/{id}/messages?limit=0", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).get("/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    static String createProject(String token, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/projects")
                .then().statusCode(201).body("name", equalTo(name)).extract().path("id");
    }
}
