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
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * The view, UI-state and client-state routes the gateway proxies to session-service, and the view broadcast.
 * session-service does not run in this JVM: what it decides (versions, sizes, who sees what) and the way through
 * the gateway to it are tested end to end in the launcher (ViewsIT). Here the gateway's own part: without a token
 * nothing is forwarded; a bad body, If-Match or Idempotency-Key is a 400 problem, never forwarded; a garbage id
 * is a 404; a good request is forwarded, which here meets the gateway's 503 problem for a session-service it
 * cannot reach.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ViewsRoutesTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String VIEW = UUID.randomUUID().toString();
    private static final String CHAT = UUID.randomUUID().toString();

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    /** A well-formed request to every view, UI-state and client-state route. */
    static List<Function<RequestSpecification, Response>> routes() {
        return List.of(
                request -> request.body("{\"name\":\"compare\",\"layout\":\"grid\",\"syncMode\":\"broadcast\","
                        + "\"maxPanes\":4,\"panes\":[{\"chatId\":\"" + CHAT
                        + "\",\"model\":\"offline\",\"size\":100}]}")
                        .post("/api/views"),
                request -> request.get("/api/views"),
                request -> request.get("/api/views/{id}", VIEW),
                request -> request.header("If-Match", "3").body("{\"name\":\"renamed\",\"maxPanes\":6}")
                        .patch("/api/views/{id}", VIEW),
                request -> request.header("If-Match", "\"3\"").delete("/api/views/{id}", VIEW),
                // Whether a version is required is session-service's rule: without one the change is forwarded.
                request -> request.delete("/api/views/{id}", VIEW),
                request -> request.header("If-Match", "W/\"4\"").body("{\"chatId\":\"" + CHAT + "\",\"position\":0}")
                        .post("/api/views/{id}/panes", VIEW),
                request -> request.header("If-Match", "5").delete("/api/views/{id}/panes/{index}", VIEW, 2),
                request -> request.header("If-Match", "6").body("{\"model\":\"other-model\"}")
                        .patch("/api/views/{id}/panes/{index}", VIEW, 1),
                request -> request.header("If-Match", "7").body("{\"to\":0}")
                        .post("/api/views/{id}/panes/{index}/move", VIEW, 1),
                request -> request.header("If-Match", "8").body("{\"sizes\":[30,70]}")
                        .put("/api/views/{id}/sizes", VIEW),
                request -> request.header("Idempotency-Key", "compare-1").body("{\"text\":\"same question\"}")
                        .post("/api/views/{id}/broadcast", VIEW),
                request -> request.get("/api/ui-state"),
                request -> request.body("{\"chatId\":\"" + CHAT + "\",\"position\":1,\"activate\":false}")
                        .post("/api/ui-state/tabs"),
                request -> request.header("If-Match", "2").delete("/api/ui-state/tabs/{chatId}", CHAT),
                request -> request.body("{\"to\":3}").post("/api/ui-state/tabs/{chatId}/move", CHAT),
                request -> request.body("{\"chatId\":null}").put("/api/ui-state/active-tab"),
                request -> request.post("/api/ui-state/closed-tabs/restore"),
                request -> request.body("{\"chatId\":\"" + CHAT + "\"}").post("/api/ui-state/closed-tabs/restore"),
                request -> request.body("{\"viewId\":\"" + VIEW + "\"}").put("/api/ui-state/last-view"),
                request -> request.get("/api/chats/{id}/client-state", CHAT),
                request -> request.header("If-Match", "0").body("{\"draft\":\"half a thought\",\"scroll\":{\"top\":1}}")
                        .put("/api/chats/{id}/client-state", CHAT));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void withoutATokenEveryRouteIsA401Problem(Function<RequestSpecification, Response> route) {
        route.apply(given().contentType(ContentType.JSON))
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aGoodRequestIsForwardedToSessionService(Function<RequestSpecification, Response> route) {
        route.apply(as(alice))
                .then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:unavailable"));
    }

    @Test
    void aBadViewIsA400NamingTheFieldAndIsNotForwarded() {
        refused(as(alice).body("{\"name\":").post("/api/views"));
        refused(as(alice).body("[]").post("/api/views"));
        refused(as(alice).post("/api/views"));
        invalid(as(alice).body("{\"name\":\" \"}").post("/api/views"), "name");
        invalid(as(alice).body("{\"name\":\"bell\\u0007\"}").post("/api/views"), "name");
        invalid(as(alice).body("{\"name\":\"" + "n".repeat(101) + "\"}").post("/api/views"), "name");
        invalid(as(alice).body("{\"name\":\"x\",\"layout\":\"diagonal\"}").post("/api/views"), "layout");
        invalid(as(alice).body("{\"name\":\"x\",\"syncMode\":\"echo\"}").post("/api/views"), "syncMode");
        invalid(as(alice).body("{\"name\":\"x\",\"maxPanes\":10}").post("/api/views"), "maxPanes");
        invalid(as(alice).body("{\"name\":\"x\",\"maxPanes\":0}").post("/api/views"), "maxPanes");
        refused(as(alice).body("{\"name\":\"x\",\"panes\":[{\"chatId\":\"nope\"}]}").post("/api/views"));
        refused(as(alice).body("{\"name\":\"x\",\"panes\":[{\"chatId\":\"" + CHAT + "\",\"size\":5}]}")
                .post("/api/views"));
        refused(as(alice).body("{\"name\":\"x\",\"panes\":[{\"chatId\":\"" + CHAT + "\",\"model\":\"has spaces\"}]}")
                .post("/api/views"));
        as(alice).contentType(ContentType.TEXT).body("compare").post("/api/views")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void aBadChangeToAViewIsA400AndIsNotForwarded() {
        invalid(as(alice).header("If-Match", "latest").body("{\"name\":\"x\"}").patch("/api/views/{id}", VIEW),
                "If-Match");
        invalid(as(alice).header("If-Match", "*").delete("/api/views/{id}", VIEW), "If-Match");
        invalid(as(alice).header("If-Match", "1").body("{\"name\":\" \"}").patch("/api/views/{id}", VIEW), "name");
        invalid(as(alice).header("If-Match", "1").body("{\"layout\":\"diagonal\"}").patch("/api/views/{id}", VIEW),
                "layout");
        refused(as(alice).header("If-Match", "1").body("{\"name\":").patch("/api/views/{id}", VIEW));
        invalid(as(alice).header("If-Match", "1").body("{}").post("/api/views/{id}/panes", VIEW), "chatId");
        invalid(as(alice).header("If-Match", "1").body("{\"chatId\":\"" + CHAT + "\",\"position\":-1}")
                .post("/api/views/{id}/panes", VIEW), "position");
        invalid(as(alice).header("If-Match", "1").body("{\"model\":\"has spaces\"}")
                .patch("/api/views/{id}/panes/{index}", VIEW, 0), "model");
        invalid(as(alice).header("If-Match", "1").body("{\"to\":-1}")
                .post("/api/views/{id}/panes/{index}/move", VIEW, 0), "to");
        invalid(as(alice).header("If-Match", "1").body("{}").post("/api/views/{id}/panes/{index}/move", VIEW, 0),
                "to");
        refused(as(alice).header("If-Match", "1").body("{\"sizes\":[50,\"fifty\"]}")
                .put("/api/views/{id}/sizes", VIEW));
        invalid(as(alice).header("If-Match", "1").body("{}").put("/api/views/{id}/sizes", VIEW), "sizes");
        invalid(as(alice).header("If-Match", "two").body("{\"sizes\":[50,50]}")
                .put("/api/views/{id}/sizes", VIEW), "If-Match");
    }

    @Test
    void aBadViewBroadcastIsA400AndIsNotForwarded() {
        invalid(as(alice).body("{\"text\":\" \"}").post("/api/views/{id}/broadcast", VIEW), "text");
        invalid(as(alice).body("{\"text\":\"a\\u0000b\"}").post("/api/views/{id}/broadcast", VIEW), "text");
        invalid(as(alice).body("{}").post("/api/views/{id}/broadcast", VIEW), "text");
        refused(as(alice).body("{\"text\":\"hi\",\"delivery\":\"later\"}").post("/api/views/{id}/broadcast", VIEW));
        invalid(as(alice).header("Idempotency-Key", "not a key").body("{\"text\":\"hi\"}")
                .post("/api/views/{id}/broadcast", VIEW), "Idempotency-Key");
        refused(as(alice).header("Idempotency-Key", "one").body("{\"text\":\"hi\",\"clientMessageId\":\"two\"}")
                .post("/api/views/{id}/broadcast", VIEW));
    }

    @Test
    void aBadUiStateOrClientStateChangeIsA400AndIsNotForwarded() {
        invalid(as(alice).body("{\"position\":0}").post("/api/ui-state/tabs"), "chatId");
        refused(as(alice).body("{\"chatId\":\"nope\"}").post("/api/ui-state/tabs"));
        invalid(as(alice).body("{\"chatId\":\"" + CHAT + "\",\"position\":-1}").post("/api/ui-state/tabs"),
                "position");
        invalid(as(alice).header("If-Match", "latest").body("{\"chatId\":\"" + CHAT + "\"}").post("/api/ui-state/tabs"),
                "If-Match");
        invalid(as(alice).header("If-Match", "v2").delete("/api/ui-state/tabs/{chatId}", CHAT), "If-Match");
        invalid(as(alice).body("{\"to\":-1}").post("/api/ui-state/tabs/{chatId}/move", CHAT), "to");
        refused(as(alice).body("{\"chatId\":7}").put("/api/ui-state/active-tab"));
        refused(as(alice).body("{\"chatId\":\"nope\"}").post("/api/ui-state/closed-tabs/restore"));
        refused(as(alice).body("{\"viewId\":\"nope\"}").put("/api/ui-state/last-view"));

        refused(as(alice).header("If-Match", "1").body("[1,2]").put("/api/chats/{id}/client-state", CHAT));
        refused(as(alice).header("If-Match", "1").body("\"text\"").put("/api/chats/{id}/client-state", CHAT));
        refused(as(alice).header("If-Match", "1").body("{\"draft\":").put("/api/chats/{id}/client-state", CHAT));
        invalid(as(alice).header("If-Match", "latest").body("{}").put("/api/chats/{id}/client-state", CHAT),
                "If-Match");
    }

    @Test
    void aGarbageIdOrIndexInThePathIsA404ProblemAndIsNotForwarded() {
        as(alice).get("/api/views/{id}", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        as(alice).header("If-Match", "1").delete("/api/views/{id}/panes/{index}", VIEW, "first")
                .then().statusCode(404).contentType(PROBLEM);
        as(alice).header("If-Match", "1").body("{\"to\":0}").post("/api/views/{id}/panes/{index}/move", VIEW, "1.5")
                .then().statusCode(404).contentType(PROBLEM);
        as(alice).body("{\"text\":\"hi\"}").post("/api/views/{id}/broadcast", "42")
                .then().statusCode(404).contentType(PROBLEM);
        as(alice).delete("/api/ui-state/tabs/{chatId}", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        as(alice).get("/api/chats/{id}/client-state", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void everyRouteIsDocumented() {
        given().baseUri(ManagementInterface.baseUri()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/views'.post.summary", equalTo("Create a view"))
                .body("paths.'/api/views'", hasKey("get"))
                .body("paths.'/api/views/{viewId}'", hasKey("get"))
                .body("paths.'/api/views/{viewId}'", hasKey("patch"))
                .body("paths.'/api/views/{viewId}'", hasKey("delete"))
                .body("paths.'/api/views/{viewId}'.patch.responses.'409'.'$ref'",
                        equalTo("#/components/responses/Conflict"))
                .body("paths.'/api/views/{viewId}'.patch.responses", hasKey("428"))
                .body("paths.'/api/views/{viewId}'.patch.parameters.name", hasItem("If-Match"))
                .body("paths.'/api/views/{viewId}/panes'", hasKey("post"))
                .body("paths.'/api/views/{viewId}/panes/{index}'", hasKey("delete"))
                .body("paths.'/api/views/{viewId}/panes/{index}'", hasKey("patch"))
                .body("paths.'/api/views/{viewId}/panes/{index}/move'", hasKey("post"))
                .body("paths.'/api/views/{viewId}/sizes'", hasKey("put"))
                .body("paths.'/api/views/{viewId}/broadcast'.post.responses", hasKey("202"))
                .body("paths.'/api/ui-state'", hasKey("get"))
                .body("paths.'/api/ui-state/tabs'", hasKey("post"))
                .body("paths.'/api/ui-state/tabs/{chatId}'", hasKey("delete"))
                .body("paths.'/api/ui-state/tabs/{chatId}/move'", hasKey("post"))
                .body("paths.'/api/ui-state/active-tab'", hasKey("put"))
                .body("paths.'/api/ui-state/closed-tabs/restore'", hasKey("post"))
                .body("paths.'/api/ui-state/last-view'", hasKey("put"))
                .body("paths.'/api/chats/{chatId}/client-state'", hasKey("get"))
                .body("paths.'/api/chats/{chatId}/client-state'", hasKey("put"))
                .body("components.schemas.CreateViewRequest.properties.name.maxLength", equalTo(100));
    }

    /** A 400 problem: the gateway answered itself, as a forwarded request would meet its 503. */
    private static ValidatableResponse refused(Response response) {
        return response.then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    private static void invalid(Response response, String field) {
        refused(response).body("type", equalTo("urn:switchboard:problem:invalid-request"))
                .body("violations.field", hasItem(field));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
