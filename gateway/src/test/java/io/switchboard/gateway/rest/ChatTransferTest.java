package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/**
 * Chat files through the gateway: the export and the import reach session-service (a stub here, see
 * {@link StubSessionService}) with the caller's token, the files pass unchanged both ways, session-service's
 * problems come back, and a file larger than the gateway's general body limit of old still gets through.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
@WithTestResource(StubSessionService.class)
class ChatTransferTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @BeforeEach
    void forget() {
        StubSessionService.RECEIVED.clear();
    }

    @Test
    void anExportIsPassedOnUnchangedAsAnAttachment() {
        byte[] file = given().auth().oauth2(alice).get("/api/chats/{id}/export", StubSessionService.KNOWN_CHAT)
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"chat-" + StubSessionService.KNOWN_CHAT + ".json\""))
                .extract().asByteArray();

        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(StubSessionService.FILE);
        assertThat(StubSessionService.RECEIVED).singleElement().satisfies(received -> {
            assertThat(received.path()).isEqualTo("/chats/" + StubSessionService.KNOWN_CHAT + "/export");
            assertThat(received.authorization()).isEqualTo("Bearer " + alice);
        });

        given().auth().oauth2(alice).get("/api/chats/{id}/export", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:not-found"));
        given().get("/api/chats/{id}/export", StubSessionService.KNOWN_CHAT).then().statusCode(401);
    }

    @Test
    void anImportPassesTheFileOnAndAnswersTheNewChat() {
        UUID project = UUID.randomUUID();
        // Over the 1 MiB every other body is held to before chat files, within the 4 MiB a chat file may have.
        String file = StubSessionService.FILE.replace("\"messages\":[]", "\"messages\":[],\"padding\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"");

        given().auth().oauth2(alice).contentType(ContentType.JSON).body(file)
                .post("/api/projects/{id}/chats/import", project)
                .then().statusCode(201)
                .header("Location", containsString("/api/chats/" + StubSessionService.IMPORTED_CHAT))
                .body("id", equalTo(StubSessionService.IMPORTED_CHAT.toString()))
                .body("title", equalTo("Ünïcödé 🚀"));

        assertThat(StubSessionService.RECEIVED).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/projects/" + project + "/chats/import");
            assertThat(received.authorization()).isEqualTo("Bearer " + alice);
            assertThat(received.body()).isEqualTo(file.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void sessionServicesRefusalOfAFileComesBackNamingTheField() {
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(StubSessionService.FILE.replace("\"version\":1", "\"version\":2"))
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:invalid-chat-file"))
                .body("detail", containsString("version 2 is not a version this service reads"));
    }

    @Test
    void aFileOverTheLimitOrWithoutATokenNeverReachesSessionService() {
        String tooLarge = "{\"padding\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(tooLarge)
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:payload-too-large"))
                .body("detail", containsString("4194304"));
        given().contentType(ContentType.JSON).body(StubSessionService.FILE)
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(401);
        given().auth().oauth2(alice).contentType(ContentType.TEXT).body(StubSessionService.FILE)
                .post("/api/projects/{id}/chats/import", UUID.randomUUID())
                .then().statusCode(415);

        assertThat(StubSessionService.RECEIVED).isEmpty();
    }

    @Test
    void bothRoutesAreInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/chats/{chatId}/export'.get.summary", equalTo("Export the chat as a chat file"))
                .body("paths.'/api/chats/{chatId}/export'.get.responses.'404'.'$ref'",
                        equalTo("#/components/responses/NotFound"))
                .body("paths.'/api/projects/{projectId}/chats/import'.post.summary",
                        equalTo("Import a chat file as a new chat in the project"))
                .body("paths.'/api/projects/{projectId}/chats/import'.post.responses.'413'.'$ref'",
                        equalTo("#/components/responses/PayloadTooLarge"))
                .body("paths.'/api/projects/{projectId}/chats/import'.post.responses.'400'.'$ref'",
                        equalTo("#/components/responses/BadRequest"));
    }
}
