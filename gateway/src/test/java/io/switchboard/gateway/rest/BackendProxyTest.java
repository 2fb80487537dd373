package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/**
 * The proxies to chat-service (models) and git-workspace-service (workspaces). Those services do not run in
 * this JVM: their happy paths are covered end to end in the launcher (GatewayApiIT); here the gateway's own
 * part: ownership first, and a clear 503 problem when the service cannot be reached.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class BackendProxyTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void modelsAreAClear503ProblemWhileChatServiceIsUnreachable() {
        given().auth().oauth2(alice).get("/api/models")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unavailable"))
                .body("title", equalTo("Service unavailable"))
                .body("instance", equalTo("/api/models"))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("127.0.0.1")));
    }

    @Test
    void theWorkspaceOfAnotherTenantsChatIsNotFoundWithoutAskingTheWorkspaceService() {
        try (RawProducer producer = RawProducer.create()) {
            String chatId = KnownChats.of(producer, "tenant-a", "offline");

            given().auth().oauth2(TestTokens.bearer("tenant-b", "mallory")).get("/api/chats/{id}/workspace", chatId)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:not-found"));
            given().auth().oauth2(TestTokens.bearer("tenant-b", "mallory")).get("/api/chats/{id}/workspace/branch", chatId)
                    .then().statusCode(404).contentType("application/problem+json");
            // The owner gets through to the workspace service, which is not running here.
            given().auth().oauth2(alice).get("/api/chats/{id}/workspace", chatId)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("urn:switchboard:problem:unavailable"));
            // The contract's methods are inherited by the client: its fault tolerance still applies to them.
            assertThat(given().baseUri(ManagementInterface.baseUri()).get("/q/metrics").asString()).containsPattern(
                    "ft_retry_retries_total\\{method=\"[^\"]*WorkspaceServiceClient[^\"]*\\.workspace\"} [1-9]");
        }
    }
}
