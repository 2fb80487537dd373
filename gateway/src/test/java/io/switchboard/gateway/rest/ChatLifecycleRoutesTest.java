package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * The chat lifecycle routes the gateway proxies to session-service. session-service does not run in this JVM
 * (its side, tenant isolation included, is tested in session-service, end to end in the launcher): here the
 * gateway's own part. Without a token nothing is forwarded; a bad body or parameter is a 400 problem naming the
 * field, never forwarded; a good request is forwarded, which here meets the gateway's 503 problem for a
 * session-service it cannot reach.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ChatLifecycleRoutesTest {

    private static final String CHAT = UUID.randomUUID().toString();
    private static final String PROJECT = UUID.randomUUID().toString();

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    /** A well-formed request to every route this change added. */
    static List<Function<RequestSpecification, Response>> routes() {
        return List.of(
                request -> request.contentType(ContentType.JSON).body("{\"title\":\"renamed\",\"pinned\":true}")
                        .patch("/api/chats/{id}", CHAT),
                request -> request.post("/api/chats/{id}/archive", CHAT),
                request -> request.post("/api/chats/{id}/restore", CHAT),
                request -> request.post("/api/chats/{id}/complete", CHAT),
                request -> request.delete("/api/chats/{id}", CHAT),
                request -> request.post("/api/chats/{id}/duplicate", CHAT),
                request -> request.contentType(ContentType.JSON).body("{\"messageId\":\"" + UUID.randomUUID() + "\"}")
                        .post("/api/chats/{id}/fork", CHAT),
                request -> request.contentType(ContentType.JSON).body("{\"seq\":3}").post("/api/chats/{id}/read", CHAT),
                request -> request.contentType(ContentType.JSON).body("{}").post("/api/chats/{id}/read", CHAT),
                request -> request.get("/api/chats/search?q=hello&limit=5"),
                request -> request.get("/api/chats/{id}/messages?before=4.5&limit=2", CHAT),
                request -> request.get("/api/projects/{id}/chats?status=archived&pinned=true&limit=1&after=abc",
                        PROJECT),
                request -> request.get("/api/projects/{id}/members", PROJECT),
                request -> request.contentType(ContentType.JSON).body("{\"role\":\"viewer\"}")
                        .put("/api/projects/{id}/members/{user}", PROJECT, "bob"),
                request -> request.delete("/api/projects/{id}/members/{user}", PROJECT, "bob"),
                request -> request.get("/api/audit?before=17&limit=5&projectId={id}", PROJECT));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void withoutATokenEveryRouteIsA401Problem(Function<RequestSpecification, Response> route) {
        route.apply(given())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aGoodRequestIsForwardedToSessionService(Function<RequestSpecification, Response> route) {
        route.apply(given().auth().oauth2(alice))
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unavailable"));
    }

    @Test
    void aBadChangeIsA400NamingTheFieldAndIsNotForwarded() {
        String tooLong = "ü".repeat(201);
        assertInvalid(patch("{\"title\":\"" + tooLong + "\"}"), "title");
        assertInvalid(patch("{\"title\":\" \"}"), "title");
        assertInvalid(patch("{\"title\":\"a\\u0000b\"}"), "title");
        assertInvalid(patch("{\"description\":\"" + "d".repeat(2001) + "\"}"), "description");
        assertInvalid(patch("{\"model\":\"not a model\"}"), "model");
        assertInvalid(patch("{\"pinned\":\"true\"}"), "pinned");
        assertInvalid(patch("{\"pinned\":1}"), "pinned");
        patch("{\"title\":").then().statusCode(400).contentType("application/problem+json");
        patch("[]").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).patch("/api/chats/{id}", CHAT)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.TEXT).body("title").patch("/api/chats/{id}", CHAT)
                .then().statusCode(415).contentType("application/problem+json");
        // Exactly 200 code points is a title: forwarded.
        patch("{\"title\":\"" + "ü".repeat(200) + "\"}").then().statusCode(503);
    }

    @Test
    void aBadForkOrReadIsA400NamingTheFieldAndIsNotForwarded() {
        assertInvalid(fork("{}"), "messageId");
        assertInvalid(fork("{\"messageId\":\"not-a-uuid\"}"), "messageId");
        assertInvalid(fork("{\"messageId\":\"" + UUID.randomUUID() + "\",\"title\":\"" + "t".repeat(201) + "\"}"),
                "title");
        fork("").then().statusCode(400).contentType("application/problem+json");
        assertInvalid(read("{\"seq\":\"three\"}"), "seq");
        assertInvalid(read("{\"seq\":1.5}"), "seq");
    }

    @Test
    void aBadMemberRequestIsA400NamingTheFieldAndIsNotForwarded() {
        assertInvalid(member("bob", "{\"role\":\"admin\"}"), "role");
        assertInvalid(member("bob", "{}"), "role");
        assertInvalid(member(" bob", "{\"role\":\"viewer\"}"), "userId");
        assertInvalid(member("b".repeat(256), "{\"role\":\"viewer\"}"), "userId");
        assertInvalid(given().auth().oauth2(alice).urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"role\":\"viewer\"}").put("/api/projects/" + PROJECT + "/members/b%00ob"), "userId");
        assertInvalid(given().auth().oauth2(alice).urlEncodingEnabled(false)
                .delete("/api/projects/" + PROJECT + "/members/%20"), "userId");
        member("bob", "{\"role\":").then().statusCode(400).contentType("application/problem+json");
        assertBadQuery("/api/audit", "before", "1".repeat(21));
        assertBadQuery("/api/audit", "chatId", "a\u0000b");
    }

    @Test
    void aBadQueryIsA400ProblemAndIsNotForwarded() {
        assertBadQuery("/api/chats/search", "q", "x".repeat(201));
        assertBadQuery("/api/chats/search", "q", "a\u0000b");
        assertBadQuery("/api/chats/search", "projectId", "p".repeat(41));
        assertBadQuery("/api/projects/" + PROJECT + "/chats", "after", "c".repeat(201));
        assertBadQuery("/api/projects/" + PROJECT + "/chats", "status", "s".repeat(21));
        assertBadQuery("/api/projects/" + PROJECT + "/chats", "limit", "1".repeat(11));
        assertBadQuery("/api/chats/" + CHAT + "/messages", "before", "1".repeat(41));
    }

    @Test
    void everyRouteIsDocumented() {
        given().baseUri(ManagementInterface.baseUri()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/chats/{chatId}'", hasKey("patch"))
                .body("paths.'/api/chats/{chatId}'", hasKey("delete"))
                .body("paths.'/api/chats/{chatId}'.delete.responses.'409'.'$ref'",
                        equalTo("#/components/responses/Conflict"))
                .body("paths.'/api/chats/{chatId}/archive'.post.summary", equalTo("Archive a chat"))
                .body("paths.'/api/chats/{chatId}/restore'", hasKey("post"))
                .body("paths.'/api/chats/{chatId}/complete'", hasKey("post"))
                .body("paths.'/api/chats/{chatId}/duplicate'.post.responses", hasKey("201"))
                .body("paths.'/api/chats/{chatId}/fork'.post.responses.'404'.'$ref'",
                        equalTo("#/components/responses/NotFound"))
                .body("paths.'/api/chats/{chatId}/read'", hasKey("post"))
                .body("paths.'/api/chats/search'.get.summary", equalTo("Search chats"))
                .body("paths.'/api/chats/{chatId}/messages'.get.parameters.name", hasItem("before"))
                .body("paths.'/api/projects/{projectId}/chats'.get.parameters.name", hasItem("after"))
                .body("components.schemas.UpdateChatRequest.properties.title.maxLength", equalTo(200))
                .body("paths.'/api/projects/{projectId}/members/{userId}'", hasKey("put"))
                .body("paths.'/api/projects/{projectId}/members/{userId}'", hasKey("delete"))
                .body("paths.'/api/audit'.get.responses", hasKey("403"))
                .body("components.schemas.MemberRoleRequest.properties.role.pattern",
                        equalTo("owner|editor|viewer"));
    }

    private void assertBadQuery(String path, String parameter, String value) {
        given().auth().oauth2(alice).queryParam(parameter, value).get(path)
                .then().statusCode(400).contentType("application/problem+json");
    }

    private void assertInvalid(Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:invalid-request"))
                .body("violations.field", hasItem(field));
    }

    private Response patch(String body) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(body).patch("/api/chats/{id}", CHAT);
    }

    private Response fork(String body) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                .post("/api/chats/{id}/fork", CHAT);
    }

    private Response read(String body) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(body).post("/api/chats/{id}/read", CHAT);
    }

    private Response member(String userId, String body) {
        return given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                .put("/api/projects/{id}/members/{user}", PROJECT, userId);
    }
}
