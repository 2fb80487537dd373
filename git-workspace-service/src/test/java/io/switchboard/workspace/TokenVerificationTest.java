package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class TokenVerificationTest {

    private static final List<String> TENANT_HEADERS = List.of("X-Tenant-Id", "X-Switchboard-Tenant", "Tenant");

    private String tenant;
    private String chatId;

    @BeforeEach
    void provisionAWorkspace() {
        tenant = "tenant-" + UUID.randomUUID();
        chatId = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, UUID.randomUUID()));
            events.awaitEvent(chatId, "WorkspaceReady");
        }
    }

    @Test
    void expiredForeignIssuerAndForeignKeyTokensAreRefused() {
        for (String token : List.of(
                TestTokens.expired(tenant, "user-1"),
                TestTokens.fromIssuer("https://another-issuer.example", tenant, "user-1"),
                LocalKeys.ephemeral().issueToken(TestTokens.ISSUER, tenant, "user-1", Set.of("user"),
                        TestTokens.VALIDITY))) {
            given().auth().oauth2(token).get("/workspaces/{chatId}", chatId).then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.bearer(tenant, "user-1")).get("/workspaces/{chatId}", chatId)
                .then().statusCode(200);
    }

    @Test
    void aTenantHeaderNeitherGrantsAnotherTenantsWorkspaceNorReplacesAToken() {
        String mallory = TestTokens.bearer("tenant-" + UUID.randomUUID(), "mallory");
        for (String header : TENANT_HEADERS) {
            // The service's own header on a user's token is refused outright; any other header is ignored.
            boolean serviceHeader = header.equalsIgnoreCase("X-Switchboard-Tenant");
            given().auth().oauth2(mallory).header(header, tenant)
                    .get("/workspaces/{chatId}", chatId)
                    .then().statusCode(serviceHeader ? 403 : 404).contentType("application/problem+json");
            given().header(header, tenant).get("/workspaces/{chatId}", chatId).then().statusCode(401);
            // The owner's own request is not redirected by a header naming another tenant.
            if (serviceHeader) {
                given().auth().oauth2(TestTokens.bearer(tenant, "user-1")).header(header, "tenant-elsewhere")
                        .get("/workspaces/{chatId}", chatId)
                        .then().statusCode(403).body("type", equalTo("urn:switchboard:problem:not-a-service-token"));
            } else {
                given().auth().oauth2(TestTokens.bearer(tenant, "user-1")).header(header, "tenant-elsewhere")
                        .get("/workspaces/{chatId}", chatId)
                        .then().statusCode(200).body("chatId", equalTo(chatId));
            }
        }
    }
}
