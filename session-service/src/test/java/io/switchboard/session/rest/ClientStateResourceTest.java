package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A user's client state per chat: a versioned JSON object that a reload or a second device reads back as written. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ClientStateResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private final String alice = TestTokens.bearer("tenant-client", "alice");
    private final String bob = TestTokens.bearer("tenant-client", "bob");
    private final String mallory = TestTokens.bearer("tenant-client-other", "mallory");

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Test
    void theStateIsWrittenVersionedAndReadBackExactly() {
        String chat = ViewFixtures.chat(alice, ViewFixtures.project(alice), "offline");

        given().auth().oauth2(alice).get("/chats/{id}/client-state", chat)
                .then().statusCode(200).body("chatId", equalTo(chat)).body("version", equalTo(0))
                .body("state", equalTo(Map.of())).body("updatedAt", nullValue());

        // Text outside the BMP and a lone surrogate survive storage as sent.
        String document = "{\"openFiles\":[\"src/Main.java\",\"README.md\"],\"scroll\":{\"top\":1200.5},"
                + "\"draft\":\"half a thought \\ud83d\\udc4b and \\ud83d alone\",\"nested\":{\"a\":[1,{\"b\":null}]}}";
        put(alice, chat, "0", document).statusCode(200).body("version", equalTo(1))
                .body("state.openFiles[1]", equalTo("README.md"));
        JsonPath read = given().auth().oauth2(alice).get("/chats/{id}/client-state", chat)
                .then().statusCode(200).body("version", equalTo(1)).extract().jsonPath();
        assertThat(read.getList("state.openFiles", String.class)).containsExactly("src/Main.java", "README.md");
        assertThat(read.getDouble("state.scroll.top")).isEqualTo(1200.5);
        assertThat(read.getString("state.draft")).isEqualTo("half a thought \uD83D\uDC4B and \uD83D alone");
        assertThat(read.getString("updatedAt")).isNotNull();

        put(alice, chat, "\"1\"", "{\"draft\":\"\"}").statusCode(200).body("version", equalTo(2))
                .body("state.draft", equalTo(""));
        given().auth().oauth2(alice).get("/chats/{id}/client-state", chat)
                .then().statusCode(200).body("version", equalTo(2)).body("state", equalTo(Map.of("draft", "")));
    }

    @Test
    void aStaleOrMissingVersionIsRefusedAndTwoDevicesWritingAtOnceLeaveOneWinner() throws Exception {
        String chat = ViewFixtures.chat(alice, ViewFixtures.project(alice), "offline");
        put(alice, chat, "0", "{\"draft\":\"first\"}").statusCode(200);

        invalid(request(alice, "0").body("{\"draft\":\"again first\"}").put("/chats/{id}/client-state", chat), 409)
                .body("type", equalTo("urn:switchboard:problem:stale-version"));
        invalid(request(alice, "5").body("{\"draft\":\"future\"}").put("/chats/{id}/client-state", chat), 409);
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"draft\":\"blind\"}")
                .put("/chats/{id}/client-state", chat), 428);

        for (String expected : List.of("1", "0")) {
            String target = expected.equals("0") ? ViewFixtures.chat(alice, ViewFixtures.project(alice), "offline")
                    : chat;
            List<Callable<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = "{\"draft\":\"device " + i + "\"}";
                writes.add(() -> request(alice, expected).body(body).put("/chats/{id}/client-state", target)
                        .then().extract().statusCode());
            }
            List<Integer> statuses = ViewFixtures.runTogether(writes);
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            String draft = given().auth().oauth2(alice).get("/chats/{id}/client-state", target)
                    .then().statusCode(200).body("version", equalTo(Integer.parseInt(expected) + 1))
                    .extract().path("state.draft");
            assertThat(draft).startsWith("device ");
        }
    }

    @Test
    void badDocumentsAreProblemsAndChangeNothing() {
        String chat = ViewFixtures.chat(alice, ViewFixtures.project(alice), "offline");
        put(alice, chat, "0", "{\"kept\":true}").statusCode(200);

        for (String notAnObject : List.of("[1,2]", "\"text\"", "42", "null")) {
            invalid(request(alice, "1").body(notAnObject).put("/chats/{id}/client-state", chat), 400);
        }
        invalid(request(alice, "1").body("{\"draft\":").put("/chats/{id}/client-state", chat), 400);
        invalid(request(alice, "1").body("{\"draft\":\"" + "x".repeat(16_400) + "\"}")
                .put("/chats/{id}/client-state", chat), 413).body("detail", containsString("16384"));
        invalid(request(alice, "one").body("{}").put("/chats/{id}/client-state", chat), 400);
        invalid(request(alice, "1").body("{}").put("/chats/{id}/client-state", "not-a-uuid"), 404);
        invalid(request(alice, "0").body("{}").put("/chats/{id}/client-state", UUID.randomUUID()), 404);
        invalid(given().auth().oauth2(alice).get("/chats/{id}/client-state", UUID.randomUUID()), 404);

        given().auth().oauth2(alice).get("/chats/{id}/client-state", chat)
                .then().statusCode(200).body("version", equalTo(1)).body("state", equalTo(Map.of("kept", true)));
    }

    @Test
    void eachMemberHasTheirOwnStateAndANonMembersChatIsNotFound() {
        String chat = ViewFixtures.chat(alice, ViewFixtures.project(alice), "offline");
        put(alice, chat, "0", "{\"draft\":\"alice's\"}").statusCode(200);

        invalid(given().auth().oauth2(mallory).get("/chats/{id}/client-state", chat), 404)
                .body("detail", not(containsString("alice")));
        invalid(request(mallory, "1").body("{\"draft\":\"mallory's\"}").put("/chats/{id}/client-state", chat), 404);
        invalid(request(mallory, "0").body("{\"draft\":\"mallory's\"}").put("/chats/{id}/client-state", chat), 404);
        // Bob of the same tenant finds the chat only once he is a member of its project, and then not alice's
        // state: his own starts empty.
        invalid(given().auth().oauth2(bob).get("/chats/{id}/client-state", chat), 404);
        ProjectMembershipTest.share(alice, chat, "bob", "viewer");
        given().auth().oauth2(bob).get("/chats/{id}/client-state", chat)
                .then().statusCode(200).body("version", equalTo(0)).body("state", equalTo(Map.of()));
        put(bob, chat, "0", "{\"draft\":\"bob's\"}").statusCode(200).body("version", equalTo(1));

        given().auth().oauth2(alice).get("/chats/{id}/client-state", chat)
                .then().statusCode(200).body("version", equalTo(1)).body("state.draft", equalTo("alice's"));
    }

    @Test
    void aDeletedChatTakesItsClientStateWithIt() {
        String chat = ViewFixtures.chat(alice, ViewFixtures.project(alice), "offline");
        put(alice, chat, "0", "{\"draft\":\"gone soon\"}").statusCode(200);

        ViewFixtures.deleteChatRow(pool, chat);

        given().auth().oauth2(alice).get("/chats/{id}/client-state", chat).then().statusCode(404).contentType(PROBLEM);
        long rows = pool.preparedQuery("SELECT count(*) FROM chat_client_state WHERE chat_id = $1")
                .execute(Tuple.of(UUID.fromString(chat)))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        assertThat(rows).isZero();
    }


    private static ValidatableResponse put(String token, String chat, String version,
            String document) {
        return request(token, version).body(document).put("/chats/{id}/client-state", chat).then();
    }

    private static RequestSpecification request(String token, String version) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", version);
    }

    private static ValidatableResponse invalid(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("detail", not(containsString("Exception")));
    }
}
