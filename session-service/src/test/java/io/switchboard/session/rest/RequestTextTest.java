package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * Text no store or client can take, in every field of every request body: a 400 problem that names the field,
 * never a 500 or a 502 from the database. Bodies are written as JSON text so that the escapes reach the
 * server as sent; a Java string with a lone surrogate would be mangled to '?' before it left the test.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class RequestTextTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    /** JSON string contents (escapes as written) and what the problem says about each. */
    private static final Map<String, String> BAD_TEXT = new LinkedHashMap<>();

    static {
        BAD_TEXT.put("x\\u0000y", "NUL");
        BAD_TEXT.put("wave \\ud83d", "unpaired surrogate");
        BAD_TEXT.put("\\udc4b wave", "unpaired surrogate");
        BAD_TEXT.put("red \\u001b[31m", "U+001B");
        BAD_TEXT.put("bell\\u0007", "U+0007");
        BAD_TEXT.put("del\\u007f", "U+007F");
        BAD_TEXT.put("next line\\u0085", "U+0085");
    }

    @Test
    void badTextInAProjectNameIsAProblemNamingTheField() {
        for (Map.Entry<String, String> bad : BAD_TEXT.entrySet()) {
            invalid(post("/projects", "{\"name\":\"" + bad.getKey() + "\"}"), "name", bad.getValue());
        }
        invalid(post("/projects", "{\"name\":\"" + "n".repeat(201) + "\"}"), "name", "at most 200");
    }

    @Test
    void badTextInAChatTitleOrModelIsAProblemNamingTheField() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "titles");
        String chats = "/projects/" + projectId + "/chats";
        for (Map.Entry<String, String> bad : BAD_TEXT.entrySet()) {
            invalid(post(chats, "{\"title\":\"" + bad.getKey() + "\"}"), "title", bad.getValue());
            invalid(post(chats, "{\"model\":\"" + bad.getKey() + "\"}"), "model", bad.getValue());
        }
        invalid(post(chats, "{\"title\":\"" + "t".repeat(201) + "\"}"), "title", "at most 200");
        invalid(post(chats, "{\"model\":\"" + "m".repeat(101) + "\"}"), "model", "at most 100");
        // Only the default chat the project came with.
        given().auth().oauth2(alice).get(chats).then().statusCode(200).body("$", hasSize(1))
                .body("[0].isDefault", equalTo(true));
    }

    @Test
    void badTextInARenameAForkOrAViewNameIsAProblemAndChangesNothing() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "renames");
        String chatId = ChatLifecycleTest.createChat(alice, projectId, "Unchanged");
        String viewId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"View\"}")
                .post("/views").then().statusCode(201).extract().path("id");
        for (Map.Entry<String, String> bad : BAD_TEXT.entrySet()) {
            String text = "\"" + bad.getKey() + "\"";
            invalid(patch("/chats/" + chatId, null, "{\"title\":" + text + "}"), "title", bad.getValue());
            invalid(patch("/chats/" + chatId, null, "{\"description\":" + text + "}"), "description",
                    bad.getValue());
            invalid(post("/chats/" + chatId + "/fork", "{\"messageId\":\"" + UUID.randomUUID() + "\",\"title\":"
                    + text + "}"), "title", bad.getValue());
            invalid(post("/views", "{\"name\":" + text + "}"), "name", bad.getValue());
            invalid(patch("/views/" + viewId, "1", "{\"name\":" + text + "}"), "name", bad.getValue());
        }
        given().auth().oauth2(alice).get("/chats/{id}", chatId).then().statusCode(200)
                .body("title", equalTo("Unchanged")).body("description", equalTo(""));
        given().auth().oauth2(alice).get("/views/{id}", viewId).then().statusCode(200)
                .body("name", equalTo("View")).body("version", equalTo(1));
    }

    @Test
    void lengthsAreCountedInCharactersAsTheDatabaseCountsThem() {
        // 200 emoji are 400 UTF-16 units but 200 characters: within the limit.
        String emoji = "\uD83D\uDC4B".repeat(200);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"" + emoji + "\"}")
                .post("/projects")
                .then().statusCode(201).body("name", equalTo(emoji));
        invalid(post("/projects", "{\"name\":\"" + emoji + "\\ud83d\\udc4b\"}"), "name", "at most 200");

        String projectId = ProjectAndChatResourceTest.createProject(alice, "tabs");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"title\":\"" + "\u00e9".repeat(198) + "\\tz\"}")
                .post("/projects/{id}/chats", projectId)
                .then().statusCode(201).body("title", equalTo("\u00e9".repeat(198) + "\tz"));
    }

    @Test
    void bytesThatAreNotUtf8AreAMalformedBodyNotAServerError() {
        byte[] body = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                .post("/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:malformed-body"));
        // A raw control character inside a JSON string is not JSON either.
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"a\u0001b\"}")
                .post("/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
    }

    private ValidatableResponse patch(String path, String ifMatch, String json) {
        RequestSpecification request = given().auth().oauth2(alice).contentType(ContentType.JSON).body(json);
        return (ifMatch == null ? request : request.header("If-Match", ifMatch)).patch(path).then();
    }

    private ValidatableResponse post(String path, String json) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(json).post(path).then();
    }

    private static void invalid(ValidatableResponse response, String field, String why) {
        response.statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("violations.field", everyItem(equalTo(field)))
                .body("violations.message", hasItem(containsString(why)));
    }
}
