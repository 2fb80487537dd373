package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * Who may use a chat's working directory: users of its tenant, and a service token acting for that
 * tenant through X-Switchboard-Tenant. Everyone else finds nothing there.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceServiceTokenTest {

    private static final String TENANT_HEADER = "X-Switchboard-Tenant";

    /** Every endpoint of a chat's workspace, as a call on a prepared request. */
    private static final Map<String, Function<RequestSpecification, Response>> ENDPOINTS = Map.of(
            "workspace", request -> request.get("/workspaces/{chatId}"),
            "branch", request -> request.get("/workspaces/{chatId}/branch"),
            "list", request -> request.get("/workspaces/{chatId}/files"),
            "read", request -> request.queryParam("path", "hello.txt").get("/workspaces/{chatId}/file"),
            "write", request -> request.contentType("application/json")
                    .body(Map.of("path", "intruder.txt", "content", "x")).put("/workspaces/{chatId}/file"),
            "search", request -> request.queryParam("query", "hello").get("/workspaces/{chatId}/search"),
            "diff", request -> request.get("/workspaces/{chatId}/diff"),
            "commit", request -> request.contentType("application/json").body(Map.of("message", "intrusion"))
                    .post("/workspaces/{chatId}/commits"));

    @Test
    void aServiceTokenActsForTheTenantNamedInTheHeader() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.asService().contentType("application/json").body(Map.of("path", "hello.txt", "content", "hello\n"))
                .put("/workspaces/{chatId}/file")
                .then().statusCode(200).body("created", equalTo(true));
        chat.asService().queryParam("path", "hello.txt").get("/workspaces/{chatId}/file")
                .then().statusCode(200).body("content", equalTo("hello\n"));
        chat.asService().queryParam("query", "hello").get("/workspaces/{chatId}/search")
                .then().statusCode(200).body("matches.path", contains("hello.txt"));
        chat.asService().get("/workspaces/{chatId}/diff")
                .then().statusCode(200).body("uncommitted.files.path", contains("hello.txt"));
        chat.asService().contentType("application/json")
                .body(Map.of("message", "By the agent", "turnId", UUID.randomUUID().toString()))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200).body("committed", equalTo(true));
        // The owner sees what the service did.
        chat.asOwner().get("/workspaces/{chatId}/files").then().statusCode(200)
                .body("entries.path", contains("hello.txt"));
    }

    @Test
    void everyEndpointAnswersAnotherTenantWithNotFound() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("hello.txt", "hello\n");
        String stranger = "tenant-" + UUID.randomUUID();

        ENDPOINTS.forEach((name, call) -> {
            notFound(call.apply(given().auth().oauth2(TestTokens.bearer(stranger, "user-1"))
                    .pathParam("chatId", chat.chatId())), name + " as a user of another tenant");
            notFound(call.apply(given().auth().oauth2(TestTokens.service()).header(TENANT_HEADER, stranger)
                    .pathParam("chatId", chat.chatId())), name + " as the service for another tenant");
            // A user token cannot borrow the header, whatever its roles.
            notAServiceToken(call.apply(given().auth().oauth2(TestTokens.bearer(stranger, "user-1"))
                    .header(TENANT_HEADER, chat.tenant()).pathParam("chatId", chat.chatId())),
                    name + " as a user of another tenant naming the owner's tenant");
            notAServiceToken(call.apply(given().auth().oauth2(TestTokens.bearer(stranger, "user-1",
                    Set.of("user", "admin", TestTokens.SERVICE_ROLE))).header(TENANT_HEADER, chat.tenant())
                    .pathParam("chatId", chat.chatId())),
                    name + " as a user with the service role naming the owner's tenant");
        });
        chat.asOwner().get("/workspaces/{chatId}/files").then().statusCode(200)
                .body("entries.path", contains("hello.txt"));
        chat.asOwner().queryParam("path", "hello.txt").get("/workspaces/{chatId}/file")
                .then().statusCode(200).body("content", equalTo("hello\n"));
    }

    @Test
    void aUsersTokenIsRefusedWhereAServiceTokenIsNeededEvenTheOwners() {
        ChatWorkspace chat = ChatWorkspace.create();
        notAServiceToken(given().auth().oauth2(TestTokens.bearer(chat.tenant(), "user-1"))
                .header(TENANT_HEADER, chat.tenant()).pathParam("chatId", chat.chatId())
                .get("/workspaces/{chatId}/files"), "the owner naming its own tenant");
        given().auth().oauth2(TestTokens.bearer(chat.tenant(), "user-1")).pathParam("chatId", chat.chatId())
                .get("/workspaces/{chatId}/files")
                .then().statusCode(200);
    }

    @Test
    void aTokenForThisServiceWithoutTheServiceRoleActsForNobody() {
        ChatWorkspace chat = ChatWorkspace.create();
        given().auth().oauth2(TestTokens.serviceToken("chat-service", TestTokens.WORKSPACE_AUDIENCE, Set.of("user"),
                        TestTokens.VALIDITY)).header(TENANT_HEADER, chat.tenant()).pathParam("chatId", chat.chatId())
                .get("/workspaces/{chatId}/files")
                .then().statusCode(403).body("type", equalTo("urn:switchboard:problem:not-a-service-token"));
    }

    @Test
    void aServiceTokenForAnotherAudienceOrExpiredIsRefused() {
        ChatWorkspace chat = ChatWorkspace.create();
        for (String token : List.of(
                TestTokens.serviceToken("chat-service", "session-service", Set.of(TestTokens.SERVICE_ROLE),
                        TestTokens.VALIDITY),
                TestTokens.serviceToken("chat-service", TestTokens.WORKSPACE_AUDIENCE,
                        Set.of(TestTokens.SERVICE_ROLE), Duration.ofMinutes(-5)),
                TestTokens.forAudience("some-other-api", chat.tenant(), "user-1", Set.of("user")))) {
            given().auth().oauth2(token).header(TENANT_HEADER, chat.tenant()).pathParam("chatId", chat.chatId())
                    .get("/workspaces/{chatId}/files")
                    .then().statusCode(401);
        }
        chat.asService().get("/workspaces/{chatId}/files").then().statusCode(200);
    }

    @Test
    void aServiceTokenWithoutTheHeaderIsABadRequest() {
        ChatWorkspace chat = ChatWorkspace.create();
        given().auth().oauth2(TestTokens.service()).pathParam("chatId", chat.chatId())
                .get("/workspaces/{chatId}/files")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString(TENANT_HEADER));
        // Its own tenant claim grants nothing either.
        given().auth().oauth2(TestTokens.service()).header(TENANT_HEADER, " ").pathParam("chatId", chat.chatId())
                .get("/workspaces/{chatId}/files")
                .then().statusCode(400);
    }

    @Test
    void withoutAValidTokenEveryEndpointIs401() {
        ChatWorkspace chat = ChatWorkspace.create();
        ENDPOINTS.forEach((name, call) -> {
            call.apply(given().header(TENANT_HEADER, chat.tenant()).pathParam("chatId", chat.chatId()))
                    .then().statusCode(401);
            call.apply(given().auth().oauth2("not-a-token").header(TENANT_HEADER, chat.tenant())
                    .pathParam("chatId", chat.chatId()))
                    .then().statusCode(401);
        });
    }

    private static void notAServiceToken(Response response, String what) {
        try {
            response.then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:switchboard:problem:not-a-service-token"));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static void notFound(Response response, String what) {
        try {
            response.then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:switchboard:problem:not-found"))
                    .body("detail", containsString("does not exist"))
                    .body("detail", not(containsString("hello")));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }
}
