package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/** The configured view limits (switchboard.session.views.*) are the ones applied. */
@QuarkusTest
@TestProfile(ViewLimitsTest.SmallLimits.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ViewLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.session.views.default-max-panes", "2",
                    "switchboard.session.views.max-per-user", "2",
                    "switchboard.session.views.max-open-tabs", "1",
                    "switchboard.session.views.client-state-max-bytes", "32");
        }
    }

    private final String token = TestTokens.bearer("tenant-limits", "user-" + UUID.randomUUID());

    @Test
    void aNewViewGetsTheConfiguredMaxPanesAndAUserTheConfiguredNumberOfViews() {
        String project = ViewFixtures.project(token);
        String a = ViewFixtures.chat(token, project, "offline");
        String b = ViewFixtures.chat(token, project, "offline");
        String c = ViewFixtures.chat(token, project, "offline");
        String view = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "small", "panes", List.of(Map.of("chatId", a), Map.of("chatId", b))))
                .post("/views").then().statusCode(201).body("maxPanes", equalTo(2)).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "1")
                .body(Map.of("chatId", c)).post("/views/{id}/panes", view)
                .then().statusCode(409).body("type", equalTo("urn:switchboard:problem:too-many-panes"));
        // A view may still ask for more, up to 9.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "wide", "maxPanes", 9))
                .post("/views").then().statusCode(201).body("maxPanes", equalTo(9));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "third"))
                .post("/views").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:limit-reached"));
    }

    @Test
    void openTabsAndClientStateFollowTheirConfiguredLimits() {
        String project = ViewFixtures.project(token);
        String a = ViewFixtures.chat(token, project, "offline");
        String b = ViewFixtures.chat(token, project, "offline");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("chatId", a))
                .post("/ui-state/tabs").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("chatId", b))
                .post("/ui-state/tabs").then().statusCode(409).body("type", equalTo("urn:switchboard:problem:limit-reached"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "0")
                .body("{\"draft\":\"" + "x".repeat(30) + "\"}").put("/chats/{id}/client-state", a)
                .then().statusCode(413).body("detail", containsString("at most 32"));
    }
}
