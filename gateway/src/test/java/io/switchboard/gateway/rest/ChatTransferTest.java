package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * The chat-file routes the gateway passes on to session-service. session-service does not run in this JVM (the
 * export, the import, the refusals of bad files and tenant isolation are tested in session-service, and through
 * the gateway end to end in the launcher's ChatTransferIT): here the gateway's own part. Without a token, over
 * the 4 MiB body limit or with another content type nothing is passed on; a file within the limit is passed on,
 * which here meets the gateway's 503 problem for a session-service it cannot reach.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ChatTransferTest {

    private static final String FILE = "{\"format\":\"switchboard-chat\",\"version\":1,\"chat\":{\"title\":"
            + "\"Ünïcödé 🚀\",\"model\":\"offline\"},\"messages\":[]}";

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void withoutATokenNeitherRouteIsPassedOn() {
        given().get("/api/chats/{id}/export", UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"));
        given().contentType(ContentType.JSON).body(FILE).post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"));
    }

    @Test
    void aFileOverTheGatewaysLimitIsA413ProblemAndIsNotPassedOn() {
        String tooLarge = "{\"padding\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(tooLarge)
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:payload-too-large"))
                .body("detail", containsString("4194304"));
    }

    @Test
    void aFileOfAnotherContentTypeIsA415Problem() {
        given().auth().oauth2(alice).contentType(ContentType.TEXT).body(FILE)
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:http-415"));
    }

    @Test
    void aMalformedIdInThePathIsA404ProblemAndIsNotPassedOn() {
        given().auth().oauth2(alice).get("/api/chats/{id}/export", "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(FILE)
                .post("/api/projects/{id}/chats/import", "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aFileWithinTheLimitIsPassedOnToSessionService() {
        // Over the 1 MiB every other body was held to before chat files, within the 4 MiB a chat file may have:
        // the gateway does not refuse it but passes it on, and answers that session-service is not there.
        String file = FILE.replace("\"messages\":[]", "\"messages\":[],\"padding\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(file)
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unavailable"));
        given().auth().oauth2(alice).get("/api/chats/{id}/export", UUID.randomUUID())
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:unavailable"));
    }

    @Test
    void bothRoutesAreInTheOpenApiDocument() {
        given().baseUri(ManagementInterface.baseUri()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/chats/{chatId}/export'.get.summary", equalTo("Export the chat as a chat file"))
                .body("paths.'/api/chats/{chatId}/export'.get.responses.'404'.'$ref'",
                        equalTo("#/components/responses/NotFound"))
                .body("paths.'/api/chats/{chatId}/export'.get.responses.'401'.'$ref'",
                        equalTo("#/components/responses/Unauthorized"))
                .body("paths.'/api/projects/{projectId}/chats/import'.post.summary",
                        equalTo("Import a chat file as a new chat in the project"))
                .body("paths.'/api/projects/{projectId}/chats/import'.post.responses.'413'.'$ref'",
                        equalTo("#/components/responses/PayloadTooLarge"))
                .body("paths.'/api/projects/{projectId}/chats/import'.post.responses.'400'.'$ref'",
                        equalTo("#/components/responses/BadRequest"));
    }
}
