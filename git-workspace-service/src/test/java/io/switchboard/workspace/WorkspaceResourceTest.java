package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.infra.Databases;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.git.RepositoryLayout;

/** GET /workspaces: bearer token required, and a chat of another tenant does not exist. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceResourceTest {

    @Inject
    RepositoryLayout layout;

    private String tenant;
    private String chatId;
    private UUID projectId;
    private WorkspaceReady ready;

    @BeforeEach
    void provisionAWorkspace() {
        tenant = "tenant-" + UUID.randomUUID();
        chatId = UUID.randomUUID().toString();
        projectId = UUID.randomUUID();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));
            ready = events.awaitEvent(chatId, "WorkspaceReady").payload(WorkspaceReady.class);
        }
    }

    @Test
    void theOwnerSeesTheWorkspace() {
        given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", chatId)
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("chatId", equalTo(chatId))
                .body("projectId", equalTo(projectId.toString()))
                .body("branch", equalTo(LifecycleEvents.createdBranch(chatId)))
                .body("headCommit", equalTo(ready.headCommit()))
                .body("status", equalTo("READY"));
    }

    @Test
    void anotherUserOfTheSameTenantSeesItToo() {
        given().auth().oauth2(TestTokens.bearer(tenant, "user-2"))
                .get("/workspaces/{chatId}", chatId)
                .then().statusCode(200)
                .body("chatId", equalTo(chatId));
    }

    @Test
    void anotherTenantGetsANotFoundProblem() {
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "user-1"))
                .get("/workspaces/{chatId}", chatId)
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:switchboard:problem:not-found"))
                .body("status", equalTo(404));
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "user-1"))
                .get("/workspaces/{chatId}/branch", chatId)
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void anUnknownChatIsANotFoundProblem() {
        given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:switchboard:problem:not-found"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().get("/workspaces/{chatId}", chatId).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/workspaces/{chatId}", chatId).then().statusCode(401);
    }

    @Test
    void aChatIdThatIsNoUuidIsABadRequestProblem() {
        given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", "not-a-uuid")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:switchboard:problem:bad-request"))
                .body("status", equalTo(400));
    }

    @Test
    void theBranchEndpointFollowsCommitsOnTheBranch() {
        given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}/branch", chatId)
                .then().statusCode(200)
                .body("chatId", equalTo(chatId))
                .body("branch", equalTo(ready.branch()))
                .body("headCommit", equalTo(ready.headCommit()));

        String edit = GitRepositories.commitFile(layout.projectRepository(projectId), ready.branch(), "a.txt", "a\n");

        given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}/branch", chatId)
                .then().statusCode(200)
                .body("headCommit", equalTo(edit));
    }

    @Test
    void readinessReportsUp() {
        given().baseUri(ManagementInterface.baseUri()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
