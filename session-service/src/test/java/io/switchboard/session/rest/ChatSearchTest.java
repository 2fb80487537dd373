package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/** Full-text search over chat titles and message text, within the caller's tenant. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatSearchTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void findsChatsByTitleAndByMessageTextWithTheMatchingSnippet() {
        // A word no other test writes, so that only these chats match.
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String projectId = ProjectAndChatResourceTest.createProject(alice, "searchable");
        String byTitle = ChatLifecycleTest.createChat(alice, projectId, "About " + word + " and more");
        String byMessage = ChatLifecycleTest.createChat(alice, projectId, "Unrelated");
        String elsewhere = ChatLifecycleTest.createChat(alice, "Also " + word);
        try (RawProducer producer = RawProducer.create()) {
            ChatEvents.turn(producer, byMessage, "tenant-a", 1, "what is a " + word + " exactly?",
                    "A " + word + " is a made-up word used by a test.");
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> given().auth().oauth2(alice)
                .get("/chats/{id}", byMessage).then().body("messageCount", equalTo(2)));

        JsonPath all = given().auth().oauth2(alice).queryParam("q", word).get("/chats/search")
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.<String>getList("chat.id")).containsExactlyInAnyOrder(byTitle, byMessage, elsewhere);
        // The message hit comes first (the newest matching message), with its id and the answer's text.
        assertThat(all.getString("[0].chat.id")).isEqualTo(byMessage);
        assertThat(all.getString("[0].snippet")).contains("**" + word + "**").contains("made-up word");
        assertThat(all.getString("[0].messageId")).isNotNull();
        assertThat(all.getList("findAll { it.chat.id == '" + byTitle + "' }.snippet", String.class))
                .singleElement().asString().contains("**" + word + "**");

        given().auth().oauth2(alice).queryParam("q", word).queryParam("projectId", projectId).get("/chats/search")
                .then().statusCode(200).body("$", hasSize(2));
        given().auth().oauth2(alice).queryParam("q", word + " -exactly -test -about -also").get("/chats/search")
                .then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(alice).queryParam("q", word).queryParam("limit", 1).get("/chats/search")
                .then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(TestTokens.bearer("tenant-b", "mallory")).queryParam("q", word).get("/chats/search")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aBadSearchGetsAProblemBody() {
        List<Map<String, String>> bad = List.of(Map.of("q", ""), Map.of("q", "  "), Map.of("limit", "5"),
                Map.of("q", "x", "limit", "0"), Map.of("q", "x", "limit", "51"), Map.of("q", "x", "limit", "many"),
                Map.of("q", "x", "projectId", "nope"), Map.of("q", "y".repeat(201)), Map.of("q", "a\u0000b"));
        for (Map<String, String> query : bad) {
            given().auth().oauth2(alice).queryParams(query).get("/chats/search")
                    .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(alice).get("/chats/search?q=x&projectId=" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("Project"));
        // Query syntax a user might type is never an error.
        for (String query : List.of("\"unterminated", "a & b | !c", "(((", "-", "or or", "':*")) {
            given().auth().oauth2(alice).queryParam("q", query).get("/chats/search").then().statusCode(200);
        }
    }
}
