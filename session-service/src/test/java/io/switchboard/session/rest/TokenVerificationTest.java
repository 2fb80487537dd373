package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.infra.Databases;
import io.switchboard.infra.auth.LocalKeys;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * The gateway propagates the caller's token here, and this service verifies it again: a token the gateway
 * would refuse is refused here too, and the tenant comes from the token alone, never from a header.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class TokenVerificationTest {

    private static final List<String> TENANT_HEADERS = List.of("X-Tenant-Id", "X-Switchboard-Tenant", "Tenant");

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String alice = TestTokens.bearer(tenant, "alice");

    @Test
    void expiredForeignIssuerAndForeignKeyTokensAreRefused() {
        for (String token : List.of(
                TestTokens.expired(tenant, "alice"),
                TestTokens.fromIssuer("https://another-issuer.example", tenant, "alice"),
                LocalKeys.ephemeral().issueToken(TestTokens.ISSUER, tenant, "alice", Set.of("user"),
                        TestTokens.VALIDITY))) {
            given().auth().oauth2(token).get("/projects").then().statusCode(401);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                    .post("/projects").then().statusCode(401);
        }
    }

    @Test
    void aServiceTokenOrAUsersTokenForAnotherAudienceIsRefused() {
        for (String token : List.of(
                TestTokens.service(),
                TestTokens.forAudience(TestTokens.WORKSPACE_AUDIENCE, tenant, "alice", Set.of("user")),
                TestTokens.forAudience("some-other-api", tenant, "alice", Set.of("user")))) {
            given().auth().oauth2(token).get("/projects").then().statusCode(401);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                    .post("/projects").then().statusCode(401);
        }
        given().auth().oauth2(alice).get("/projects").then().statusCode(200);
    }

    @Test
    void aTokenWhoseTenantOrSubjectIsNoUsableIdIsRefusedBeforeAnythingIsStored() {
        List<String[]> identities = List.of(
                new String[] {"tenant-\u0000nul", "alice"},
                new String[] {"tenant\twith-tab", "alice"},
                new String[] {" padded-tenant", "alice"},
                new String[] {"t".repeat(256), "alice"},
                new String[] {"tenant-\ud800-lone-surrogate", "alice"},
                new String[] {tenant, "alice\nforged log line"},
                new String[] {tenant, "bob\u0000"});
        for (String[] identity : identities) {
            String token = TestTokens.bearer(identity[0], identity[1]);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/projects")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:no-tenant"))
                    .body("detail", equalTo("The token's tenant or subject is not a usable id"));
        }
        // The longest usable tenant id still works.
        given().auth().oauth2(TestTokens.bearer("t".repeat(255), "alice")).get("/projects").then().statusCode(200);
    }

    @Test
    void aTenantHeaderNeitherGrantsAnotherTenantsDataNorReplacesAToken() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "guarded");
        String chatId = given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
        String mallory = TestTokens.bearer("tenant-" + UUID.randomUUID(), "mallory");

        for (String header : TENANT_HEADERS) {
            given().auth().oauth2(mallory).header(header, tenant).get("/projects/{id}", projectId)
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(mallory).header(header, tenant).get("/chats/{id}", chatId)
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(mallory).header(header, tenant).get("/projects")
                    .then().statusCode(200).body("id", not(hasItem(projectId)));
            given().auth().oauth2(mallory).header(header, tenant).contentType(ContentType.JSON).body("{}")
                    .post("/projects/{id}/chats", projectId).then().statusCode(404);
            given().header(header, tenant).get("/projects/{id}", projectId).then().statusCode(401);
            given().auth().oauth2(alice).header(header, "tenant-elsewhere").get("/projects")
                    .then().statusCode(200).body("id", hasItem(projectId));
        }
    }
}
