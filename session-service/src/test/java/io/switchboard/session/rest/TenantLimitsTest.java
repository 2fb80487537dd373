package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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

/** A tenant at its configured number of projects or chats gets a 409 problem; other tenants are not affected. */
@QuarkusTest
@TestProfile(TenantLimitsTest.TwoOfEach.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class TenantLimitsTest {

    public static class TwoOfEach implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.session.max-projects-per-tenant", "2",
                    "switchboard.session.max-chats-per-tenant", "2");
        }
    }

    @Test
    void theThirdProjectAndTheThirdChatAreRefused() {
        String full = TestTokens.bearer("tenant-full-" + UUID.randomUUID(), "fay");
        String project = ProjectAndChatResourceTest.createProject(full, "one");
        ProjectAndChatResourceTest.createProject(full, "two");
        given().auth().oauth2(full).contentType(ContentType.JSON).body("{\"name\":\"three\"}").post("/projects")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:limit-reached"));

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(full).contentType(ContentType.JSON).body("{}")
                    .post("/projects/{id}/chats", project).then().statusCode(201);
        }
        given().auth().oauth2(full).contentType(ContentType.JSON).body("{}").post("/projects/{id}/chats", project)
                .then().statusCode(409).body("type", equalTo("urn:switchboard:problem:limit-reached"));

        String other = TestTokens.bearer("tenant-free-" + UUID.randomUUID(), "gus");
        String otherProject = ProjectAndChatResourceTest.createProject(other, "mine");
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", otherProject).then().statusCode(201);
    }
}
